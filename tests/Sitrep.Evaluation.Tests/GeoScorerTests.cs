using Sitrep.Evaluation.Geo;

namespace Sitrep.Evaluation.Tests;

public sealed class GeoScorerTests
{
    [Fact]
    public void Haversine_Paris_to_London_is_about_344_km() => Assert.InRange(GeoScorer.Haversine(48.8534, 2.3488, 51.5085, -0.1257), 340, 348);

    [Fact]
    public void Haversine_of_a_point_to_itself_is_zero() => Assert.Equal(0, GeoScorer.Haversine(36.3, 43.1, 36.3, 43.1), 6);

    private static string Temp(string content, string ext)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-geo-{Guid.NewGuid():N}.{ext}");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_json_lines()
    {
        var path = Temp("{\"id\":\"a\",\"text\":\"Ministers met in Paris.\",\"published\":\"2024-01-02\",\"toponyms\":[{\"start\":17,\"end\":22,\"lat\":48.85,\"lon\":2.35,\"geonameId\":2988507}]}\n", "jsonl");
        try
        {
            var d = Assert.Single(GeoGoldReader.ReadJsonLines(path));
            var t = Assert.Single(d.Toponyms);
            Assert.Equal((17, 22, 2988507L), (t.Start, t.End, t.GeonameId!.Value));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_malformed_line_names_its_line()
    {
        var path = Temp("{\"id\":\"a\",\"text\":\"x\",\"toponyms\":[]}\n{oops\n", "jsonl");
        try
        {
            var e = Assert.Throws<SitrepInputException>(() => GeoGoldReader.ReadJsonLines(path));
            Assert.Equal(2, e.LineNumber);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_span_outside_the_text_is_an_input_error()
    {
        var path = Temp("{\"id\":\"a\",\"text\":\"Paris\",\"toponyms\":[{\"start\":0,\"end\":9,\"lat\":1,\"lon\":2}]}\n", "jsonl");
        try { Assert.Throws<SitrepInputException>(() => GeoGoldReader.ReadJsonLines(path)); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Reads_the_LGL_layout()
    {
        const string xml = """
            <articles>
              <article docid="7">
                <text>Flooding hit Paris and Lyon.</text>
                <toponyms>
                  <toponym><start>13</start><end>18</end><phrase>Paris</phrase>
                    <gaztag geonameid="2988507"><name>Paris</name><lat>48.85341</lat><lon>2.3488</lon></gaztag></toponym>
                  <toponym><start>23</start><end>27</end><phrase>Lyon</phrase></toponym>
                </toponyms>
              </article>
            </articles>
            """;
        var path = Temp(xml, "xml");
        try
        {
            var d = Assert.Single(GeoGoldReader.ReadLgl(path));
            var t = Assert.Single(d.Toponyms);
            Assert.Equal((13, 18, 2988507L), (t.Start, t.End, t.GeonameId!.Value));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Malformed_XML_is_an_input_error_with_a_line()
    {
        var path = Temp("<articles>\n<article>\n</articles>", "xml");
        try { Assert.NotNull(Assert.Throws<SitrepInputException>(() => GeoGoldReader.ReadLgl(path)).LineNumber); }
        finally { File.Delete(path); }
    }
}
