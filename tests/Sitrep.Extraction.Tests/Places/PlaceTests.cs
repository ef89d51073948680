using System.Diagnostics;
using Sitrep.Entities;
using Sitrep.Extraction.Places;
using Sitrep.Ingest;
using Sitrep.Models;
using Sitrep.Text.Tokenization;

namespace Sitrep.Extraction.Tests.Places;

/// <summary>The shipped gazetteer, loaded once for the class.</summary>
public sealed class GazetteerFixture
{
    public GazetteerFixture()
    {
        var sw = Stopwatch.StartNew();
        Gazetteer = Gazetteer.Load(Gazetteer.DefaultPath());
        LoadMilliseconds = sw.Elapsed.TotalMilliseconds;
        Resolver = new PlaceResolver(Gazetteer);
        Pipeline = new PipelineBuilder()
            .Add(new Tokenizer())
            .Add(new SentenceSplitter())
            .Add(PosTagger.Load(ModelLocator.PosModelPath()))
            .Add(EntityRecognizer.Load(EntityRecognizer.DefaultPath()))
            .Add(new EntityLinker(EntityLexicon.Load()))
            .Add(Resolver)
            .Build();
    }

    public Gazetteer Gazetteer { get; }
    public double LoadMilliseconds { get; }
    public PlaceResolver Resolver { get; }
    public Pipeline Pipeline { get; }
}

public sealed class PlaceNameKeyTests
{
    [Theory]
    [InlineData("Raqqa", "Ar-Raqqah")]
    [InlineData("Raqqa", "Al Raqqah")]
    [InlineData("Raqqa", "AR-RAQQAH")]
    [InlineData("Sanaa", "Sana'a")]
    [InlineData("Tal Afar", "Tall ‘Afar")]
    [InlineData("Cordoba", "Córdoba")]
    [InlineData("Misratah", "Mişrātah")]
    [InlineData("St. Louis", "Saint Louis")]
    public void Spellings_of_one_name_share_a_key(string a, string b) => Assert.Equal(PlaceNameKey.Of(a), PlaceNameKey.Of(b));

    [Theory]
    [InlineData("Paris", "Parma")]
    [InlineData("Alexandria", "Xandria")]
    public void Different_names_have_different_keys(string a, string b) => Assert.NotEqual(PlaceNameKey.Of(a), PlaceNameKey.Of(b));
}

public sealed class GazetteerTests(GazetteerFixture f) : IClassFixture<GazetteerFixture>
{
    [Theory]
    [InlineData("Raqqa")]
    [InlineData("Ar-Raqqah")]
    [InlineData("Al Raqqah")]
    [InlineData("raqqa")]
    public void Finds_Raqqa_by_any_spelling(string name)
    {
        bool found = false;
        foreach (int p in f.Gazetteer.Find(name)) found |= f.Gazetteer[Gazetteer.EntryOf(p)].GeonameId == 172955;
        Assert.True(found);
    }

    [Fact]
    public void Has_countries_divisions_and_regions()
    {
        Assert.Contains(Kinds("Iraq"), k => k == PlaceKind.Country);
        Assert.Contains(Kinds("Texas"), k => k == PlaceKind.Admin1);
        Assert.Contains(Kinds("Middle East"), k => k == PlaceKind.Region);
        Assert.Equal("IRQ", f.Gazetteer.Iso3("IQ"));
    }

    private List<PlaceKind> Kinds(string name)
    {
        var list = new List<PlaceKind>();
        foreach (int p in f.Gazetteer.Find(name)) list.Add(f.Gazetteer[Gazetteer.EntryOf(p)].Kind);
        return list;
    }

    [Fact]
    public void A_corrupt_file_is_an_input_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-gaz-{Guid.NewGuid():N}.sitrep-gaz");
        var bytes = File.ReadAllBytes(Gazetteer.DefaultPath());
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        try { Assert.Throws<SitrepInputException>(() => Gazetteer.Load(path)); }
        finally { File.Delete(path); }
        File.WriteAllText(path, "not a gazetteer");
        try { Assert.Throws<SitrepInputException>(() => Gazetteer.Load(path)); }
        finally { File.Delete(path); }
    }
}

public sealed class PlaceResolverTests(GazetteerFixture f) : IClassFixture<GazetteerFixture>
{
    private Place Resolve(string text, string name, int occurrence = 0)
    {
        var doc = f.Pipeline.Process(new Document(text));
        int at = -1;
        for (int i = 0; i <= occurrence; i++) at = text.IndexOf(name, at + 1, StringComparison.Ordinal);
        var r = f.Resolver.Resolve(doc, [new TextSpan(at, at + name.Length)]);
        return Assert.IsType<Place>(r[0].Place);
    }

    [Fact]
    public void Containment_picks_Paris_Texas() => Assert.Equal("US", Resolve("The council of Paris, Texas, met on Monday.", "Paris").CountryCode);

    [Fact]
    public void Paris_alone_is_the_French_capital() => Assert.Equal("FR", Resolve("Ministers met in Paris on Monday.", "Paris").CountryCode);

    [Fact]
    public void In_country_picks_Tripoli_Lebanon() => Assert.Equal("LB", Resolve("The ship docked at Tripoli in Lebanon.", "Tripoli").CountryCode);

    [Fact]
    public void A_generic_word_makes_a_division() => Assert.Equal("ADM1", Resolve("Fighting spread across Nineveh province.", "Nineveh").FeatureCode);

    [Fact]
    public void Regions_resolve_to_regions() => Assert.Equal("RGN", Resolve("Leaders across the Middle East reacted.", "Middle East").FeatureCode);

    [Fact]
    public void An_article_before_the_name_points_at_a_sea_not_a_town() =>
        Assert.Equal("SEA", Resolve("Storms hit Texas and Georgia, and across the Atlantic floods hit Lebanon.", "Atlantic").FeatureCode);

    [Fact]
    public void A_place_entity_takes_the_country_of_the_place_it_resolved_to()
    {
        var doc = f.Pipeline.Process(new Document("The council of Paris, Texas, met on Monday."));
        var paris = Assert.Single(doc.Entities, e => e.Name == "Paris");
        Assert.Equal("US", paris.Place?.CountryCode);
        Assert.Equal("USA", paris.Country);
    }

    [Fact]
    public void Confidence_is_a_probability()
    {
        var p = Resolve("Ministers met in Paris on Monday.", "Paris");
        Assert.InRange(p.Confidence ?? -1, 0, 1);
    }

    [Fact]
    public void Resolution_is_deterministic()
    {
        const string text = "Troops advanced on Mosul in Iraq while Raqqa in Syria braced for an offensive.";
        var a = f.Resolver.Resolve(f.Pipeline.Process(new Document(text)), [new TextSpan(19, 24), new TextSpan(39, 44)]);
        var b = f.Resolver.Resolve(f.Pipeline.Process(new Document(text)), [new TextSpan(19, 24), new TextSpan(39, 44)]);
        Assert.Equal(a, b);
    }
}

/// <summary>The seed article (../shared/samples), read by path; skipped when absent.</summary>
public sealed class SeedArticlePlaceTests(GazetteerFixture f) : IClassFixture<GazetteerFixture>
{
    private Document Load()
    {
        var root = Analyze.RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "samples", "straits-times-2016-10-27-mosul-raqqa.txt"));
        if (path is null || !File.Exists(path)) Assert.Skip("the seed article is not in ../shared/samples");
        var read = new ArticleReader().ReadFile(path!);
        return f.Pipeline.Process(read[0].Document!);
    }

    private static double Km(double lat1, double lon1, double lat2, double lon2)
    {
        const double D = Math.PI / 180;
        double a = Math.Pow(Math.Sin((lat2 - lat1) * D / 2), 2) + Math.Cos(lat1 * D) * Math.Cos(lat2 * D) * Math.Pow(Math.Sin((lon2 - lon1) * D / 2), 2);
        return 2 * 6371 * Math.Asin(Math.Sqrt(a));
    }

    [Theory]
    [InlineData("Mosul", 36.34, 43.13)]
    [InlineData("Raqqa", 35.95, 39.01)]
    [InlineData("Paris", 48.857, 2.352)]
    public void Cities_within_40_km(string name, double lat, double lon)
    {
        var e = Assert.Single(Load().Entities, x => x.Name == name);
        Assert.NotNull(e.Place);
        Assert.True(Km(lat, lon, e.Place!.Lat, e.Place.Lon) < 40, $"{name} at {e.Place.Lat},{e.Place.Lon}");
    }

    [Theory]
    [InlineData("Syria", "SY")]
    [InlineData("Iraq", "IQ")]
    [InlineData("France", "FR")]
    public void Countries_are_countries(string name, string cc)
    {
        var e = Assert.Single(Load().Entities, x => x.Name == name);
        Assert.Equal(cc, e.Place?.CountryCode);
        Assert.Equal("PCLI", e.Place?.FeatureCode);
    }

    [Fact]
    public void Europe_is_a_region() => Assert.Equal("CONT", Assert.Single(Load().Entities, x => x.Name == "Europe").Place?.FeatureCode);

    [Fact]
    public void The_dateline_is_Paris()
    {
        var doc = Load();
        var span = doc.Metadata.DatelineSpan!.Value;
        var e = Assert.Single(doc.Entities, x => x.Mentions.Exists(m => m.Start < span.End && span.Start < m.End));
        Assert.Equal(2988507, e.Place?.GeonameId);
    }
}
