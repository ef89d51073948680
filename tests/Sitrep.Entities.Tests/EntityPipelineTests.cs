using Sitrep.Entities;
using Sitrep.Models;
using Sitrep.Text.Tokenization;

namespace Sitrep.Entities.Tests;

public sealed class EntityPipelineTests
{
    private static readonly Lazy<Pipeline> Shared = new(() => new PipelineBuilder()
        .Add(new Tokenizer()).Add(new SentenceSplitter())
        .Add(PosTagger.Load(ModelLocator.PosModelPath()))
        .Add(EntityRecognizer.Load(EntityRecognizer.DefaultPath()))
        .Add(new EntityLinker(EntityLexicon.Load()))
        .Build());

    private static Document Run(string text) => Shared.Value.Process(new Document(text));

    private static Entity Single(Document doc, Func<Entity, bool> match)
    {
        var found = doc.Entities.Where(match).ToList();
        Assert.Single(found);
        return found[0];
    }

    [Fact]
    public void Links_surname_with_honorific_and_subject_pronoun_and_attaches_title()
    {
        var doc = Run("Brazilian Foreign Minister Helena Duarte met officials in Lisbon on Monday. \"We agreed,\" said Ms Duarte. She added that talks would continue.");
        var e = Single(doc, x => x.Type == EntityType.PERSON && x.Name.Contains("Duarte"));
        Assert.Equal("Helena Duarte", e.Name);
        Assert.Equal("BRA", e.Country);
        Assert.Contains("Minister", e.Title);
        Assert.Contains(e.Mentions, m => m.Text == "Ms Duarte");
        Assert.Contains(e.Mentions, m => m.Text == "She");
    }

    [Fact]
    public void Acronym_definition_and_aliases_make_one_organisation()
    {
        var doc = Run("Fighters of the Islamic State of Iraq and the Levant (ISIL) attacked the town. ISIL later withdrew. Daesh denied it.");
        var e = Single(doc, x => x.Type == EntityType.ORG && x.Mentions.Any(m => m.Text == "ISIL"));
        Assert.Equal(4, e.Mentions.Count);
        Assert.Contains(e.Mentions, m => m.Text == "Daesh");
    }

    [Fact]
    public void Demonyms_are_nationalities_with_country_codes_and_countries_are_places()
    {
        var doc = Run("Syrian troops and Kurdish fighters advanced towards the border with Lebanon.");
        Assert.Equal("SYR", Single(doc, x => x.Name == "Syrian").Country);
        Assert.Equal(EntityType.NORP, Single(doc, x => x.Name == "Kurdish").Type);
        var lebanon = Single(doc, x => x.Name == "Lebanon");
        Assert.Equal(EntityType.GPE, lebanon.Type);
        Assert.Equal("LBN", lebanon.Country);
    }

    [Fact]
    public void Anonymous_sources_are_kept_as_roles()
    {
        var doc = Run("A senior Iraqi military official said the operation would take weeks.");
        var role = Assert.Single(doc.Roles, r => r.Role == "official");
        Assert.Equal("IRQ", role.Country);
        Assert.False(role.Named);
        Assert.StartsWith("A senior", role.Text);
    }

    [Fact]
    public void Mentions_are_offsets_into_the_text()
    {
        var doc = Run("PARIS - French President Emmanuel Macron spoke to reporters in Paris.");
        foreach (var e in doc.Entities)
            foreach (var m in e.Mentions)
                Assert.Equal(m.Text, doc.Text[m.Start..m.End]);
    }

    private const string SeedArticle = "../shared/samples/straits-times-2016-10-27-mosul-raqqa.txt";

    private static string? SeedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                var p = Path.GetFullPath(Path.Combine(dir.FullName, SeedArticle));
                return File.Exists(p) ? p : null;
            }
        return null;
    }

    [Fact]
    public void Seed_article_has_one_Carter_one_ISIS_one_Hollande_and_its_places_and_nationalities()
    {
        var path = SeedPath();
        if (path is null) Assert.Skip("seed article ../shared/samples/straits-times-2016-10-27-mosul-raqqa.txt is absent");
        var doc = Run(File.ReadAllText(path).ReplaceLineEndings("\n"));

        var carter = Single(doc, e => e.Mentions.Any(m => m.Text.Contains("Carter")));
        Assert.Equal(EntityType.PERSON, carter.Type);
        Assert.Equal("Ashton Carter", carter.Name);
        Assert.Equal("Defence Secretary", carter.Title);
        Assert.Equal("USA", carter.Country);
        Assert.Contains(carter.Mentions, m => m.Text == "Mr Carter");
        Assert.Contains(carter.Mentions, m => m.Text == "He");

        var isis = Single(doc, e => e.Mentions.Any(m => m.Text == "ISIS"));
        Assert.Equal(EntityType.ORG, isis.Type);
        Assert.Equal("Islamic State in Iraq and Syria", isis.Name);
        Assert.Contains(isis.Mentions, m => m.Text == "the group");
        Assert.Contains(isis.Mentions, m => m.Text == "ISIS militants");

        var hollande = Single(doc, e => e.Mentions.Any(m => m.Text.Contains("Hollande", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(EntityType.PERSON, hollande.Type);
        Assert.Contains(hollande.Mentions, m => m.Text == "FRANCOIS HOLLANDE");
        Assert.Equal("President", hollande.Title);
        Assert.Equal("FRA", hollande.Country);

        foreach (var place in new[] { "Mosul", "Raqqa", "Syria", "Iraq", "France", "Paris", "US", "Europe" })
            Assert.Contains(doc.Entities, e => e.Type is EntityType.GPE or EntityType.LOC && e.Mentions.Any(m => m.Text == place));
        foreach (var nationality in new[] { "Iraqi", "Arab", "French" })
            Assert.Contains(doc.Entities, e => e.Type == EntityType.NORP && e.Mentions.Any(m => m.Text == nationality));
    }

    [Fact]
    public void Possessive_country_before_a_title_gives_the_title_and_country()
    {
        var doc = Run("Ukraine's Foreign Minister Andrii Sybiha accused Moscow of sabotaging the talks.");
        var e = Single(doc, x => x.Type == EntityType.PERSON);
        Assert.Equal("Andrii Sybiha", e.Name);
        Assert.Equal("Foreign Minister", e.Title);
        Assert.Equal("UKR", e.Country);
    }

    [Fact]
    public void Country_names_news_uses_are_countries()
    {
        var doc = Run("Turkey has hosted several rounds of talks. Britain and the U.S. sent envoys.");
        Assert.Equal("TUR", Single(doc, x => x.Name == "Turkey").Country);
        Assert.Equal("GBR", Single(doc, x => x.Name == "Britain").Country);
        Assert.Equal(EntityType.GPE, Single(doc, x => x.Name == "Turkey").Type);
    }

    [Fact]
    public void An_office_before_a_title_is_split_from_the_officer()
    {
        var doc = Run("Harris County Sheriff Ed Gonzalez said two people died in the flood.");
        var person = Single(doc, x => x.Type == EntityType.PERSON);
        Assert.Equal("Ed Gonzalez", person.Name);
        Assert.Equal("Sheriff", person.Title);
        Assert.Equal(EntityType.LOC, Single(doc, x => x.Name == "Harris County").Type);
    }

    [Fact]
    public void Storm_names_are_not_people_and_romance_place_names_stay_whole()
    {
        var doc = Run("Cyclone Lumbe hit the coast on Friday. Soldiers clashed with insurgents near Mocimboa da Praia in Cabo Delgado province.");
        Assert.DoesNotContain(doc.Entities, x => x.Name.Contains("Lumbe"));
        var town = Single(doc, x => x.Name.StartsWith("Mocimboa", StringComparison.Ordinal));
        Assert.Equal("Mocimboa da Praia", town.Name);
        Assert.Equal(EntityType.LOC, town.Type);
        foreach (var e in doc.Entities)
            foreach (var m in e.Mentions) Assert.Equal(doc.Text[m.Start..m.End], m.Text);
    }
}
