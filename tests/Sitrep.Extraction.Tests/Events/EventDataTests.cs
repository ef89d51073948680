using Sitrep.Extraction.Events;

namespace Sitrep.Extraction.Tests.Events;

public sealed class EventDataTests
{
    [Fact]
    public void Shipped_ontology_maps_CAMEO_codes_to_PLOVER()
    {
        var o = EventOntology.Load();
        Assert.True(o.Codes.Count > 250);
        Assert.Equal("AGREE", o.PloverOf("0312"));
        Assert.Equal("COERCE", o.PloverOf("192"));
        Assert.Equal("ASSAULT", o.PloverOf("1712"));
        Assert.Null(o.PloverOf("010"));
        for (int root = 1; root <= 20; root++) Assert.True(o.Contains(root.ToString("00") + "0"), $"root {root}");
        Assert.Equal("verbal_cooperation", o.Plover("CONSULT")?.Quad);
    }

    [Fact]
    public void Shipped_lexicon_codes_only_known_codes_and_covers_every_root()
    {
        var o = EventOntology.Load();
        var lexicon = EventLexicon.Load(Path.Combine(ActorTable.ResolveDirectory(), EventLexicon.FileName), o);
        Assert.True(lexicon.Count > 300);
        var text = File.ReadAllText(Path.Combine(ActorTable.ResolveDirectory(), EventLexicon.FileName));
        for (int root = 1; root <= 20; root++)
            Assert.Contains("\t" + root.ToString("00"), text);
    }

    [Fact]
    public void Lexicon_rejects_an_unknown_code_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-lex-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "# test\nV\tattack\t_\t_\t999\tobj\n");
        try
        {
            var e = Assert.Throws<SitrepInputException>(() => EventLexicon.Load(path, EventOntology.Load()));
            Assert.Equal(2, e.LineNumber);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Reads_PETRARCH_actor_and_agent_dictionaries_in_their_format()
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-petrarch-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "Test.actors.txt"),
                "# generated for the test\nFREEDONIA_  [FRD]\n+FREEDONIAN_\nRUFUS_T._FIREFLY_  ; invented\n\t[FRDGOV 330101-331231]\n\t[FRDELI]\nSYLVANIAN_LIBERATION_FRONT [SYLREB] # comment\n");
            File.WriteAllText(Path.Combine(dir.FullName, "Test.agents.txt"),
                "!PERSON! = MAN, MEN, WOMAN, WOMEN\nCONGRESS!PERSON! [~LEG]\nHARBOUR_PILOT [~BUS]\nPOLICE {} [~COP]\nRELIEF_BODY [NGO~]\n");
            var table = ActorTable.Load();
            table.AddPetrarch(dir.FullName);
            Assert.Equal("FRD", table.Group("Freedonian", null));
            Assert.Equal("FRDGOV", table.Group("Rufus T. Firefly", new DateOnly(1933, 6, 1)));
            Assert.Equal("FRDELI", table.Group("Rufus T. Firefly", new DateOnly(1950, 1, 1)));
            Assert.Equal("SYLREB", table.Group("Sylvanian Liberation Front", null));
            Assert.Equal("LEG", table.Agent("congresswomen"));
            Assert.Equal("BUS", table.Agent("harbour pilots"));
            Assert.Equal("NGO", table.Agent("relief body"));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void A_missing_dictionary_folder_is_an_input_error()
    {
        var table = ActorTable.Load();
        Assert.Throws<SitrepInputException>(() => table.AddPetrarch(Path.Combine(Path.GetTempPath(), "no-such-sitrep-dir")));
    }
}
