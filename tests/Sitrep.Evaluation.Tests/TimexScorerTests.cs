using System.Text;
using Sitrep.Evaluation.Time;

namespace Sitrep.Evaluation.Tests;

public sealed class TimexScorerTests
{
    private const string Tml = """
        <?xml version="1.0" ?>
        <TimeML>
        <DOCID>X1</DOCID>
        <DCT><TIMEX3 tid="t0" type="DATE" value="2016-10-27" functionInDocument="CREATION_TIME">October 27, 2016</TIMEX3></DCT>
        <TEXT>
        Rebels <EVENT eid="e1">attacked</EVENT> <TIMEX3 tid="t1" type="DATE" value="2016-10-26">yesterday</TIMEX3> &amp; again <TIMEX3 tid="t2" type="DATE" value="2016-10" mod="START">earlier this month</TIMEX3>, for <TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3>.
        </TEXT>
        </TimeML>
        """;

    private static TimeMlDocument Read(string xml, string name = "x.tml") => TimeMlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), name);

    [Fact]
    public void Reader_counts_offsets_in_the_text_without_tags()
    {
        var doc = Read(Tml);
        Assert.Equal(new DateTime(2016, 10, 27), doc.Dct);
        Assert.Equal(3, doc.Timexes.Count);
        foreach (var t in doc.Timexes) Assert.Equal(t.Text, doc.Text[t.Start..t.End]);
        Assert.Contains("attacked yesterday & again", doc.Text);
        Assert.Equal("START", doc.Timexes[1].Mod);
        Assert.Equal(TimeType.DURATION, doc.Timexes[2].Type);
    }

    [Fact]
    public void Malformed_timeml_names_the_file_and_line()
    {
        var e = Assert.Throws<SitrepInputException>(() => Read("<TimeML>\n<TEXT>a <TIMEX3 type=\"DATE\">b</TEXT></TimeML>", "bad.tml"));
        Assert.Equal("bad.tml", e.File);
        Assert.Equal(2, e.LineNumber);
    }

    [Fact]
    public void A_document_without_text_is_an_input_error() =>
        Assert.Throws<SitrepInputException>(() => Read("<TimeML><DOCID>x</DOCID></TimeML>"));

    /// <summary>Predicts fixed spans, so the scorer is tested apart from any tagger.</summary>
    private sealed class Fixed(params (string Text, TimeType Type, string Value)[] predictions) : IStage
    {
        public string Name => "fixed";
        public IReadOnlyList<string> Requires => [];
        public IReadOnlyList<string> Produces => [Layers.Times];

        public void Process(Document document)
        {
            foreach (var (text, type, value) in predictions)
            {
                int start = document.Text.IndexOf(text, StringComparison.Ordinal);
                document.Times.Add(new TimeExpression { Id = "t" + document.Times.Count, Text = text, Start = start, End = start + text.Length, Type = type, Value = value });
            }
        }
    }

    [Fact]
    public void Strict_needs_exact_spans_relaxed_any_overlap_and_attributes_use_relaxed_pairs()
    {
        var gold = Read(Tml);
        var pipeline = new PipelineBuilder().Add(new Fixed(
            ("yesterday", TimeType.DATE, "2016-10-26"),        // exact, right value
            ("this month", TimeType.DATE, "2016-10"),          // overlap only, right value
            ("three", TimeType.DATE, "P3D"),                   // overlap only, wrong type
            ("Rebels", TimeType.DATE, "2016"))).Build();        // spurious
        var r = new TimexScorer(pipeline).Score([gold]);
        Assert.Equal(3, r.Gold);
        Assert.Equal(4, r.Predicted);
        Assert.Equal(1, r.Strict);
        Assert.Equal(3, r.Relaxed);
        Assert.Equal(2, r.TypeCorrect);
        Assert.Equal(3, r.ValueCorrect);
        var report = r.ToReport("t");
        Assert.Equal(2 * 0.25 * (1 / 3.0) / (0.25 + 1 / 3.0), report["timex_strict_f1"], 6);
        Assert.Equal(2 * 0.75 * 1.0 / 1.75, report["timex_relaxed_f1"], 6);
        Assert.Equal(2 * 0.75 * 1.0 / 1.75, report["timex_value_f1"], 6);
        Assert.Equal(2 / 3.0, report["timex_type_accuracy"], 6);
    }

    [Fact]
    public void The_heldout_split_is_every_fifth_file_in_ordinal_order()
    {
        var dir = Directory.CreateTempSubdirectory("tml");
        try
        {
            for (int i = 0; i < 12; i++) File.WriteAllText(Path.Combine(dir.FullName, $"d{i:D2}.tml"), Tml);
            var heldout = TimeMlCorpus.Files(dir.FullName, TimeMlSplit.Heldout).Select(Path.GetFileName).ToArray();
            var train = TimeMlCorpus.Files(dir.FullName, TimeMlSplit.Train);
            Assert.Equal(["d04.tml", "d09.tml"], heldout);
            Assert.Equal(10, train.Count);
            Assert.Equal(12, TimeMlCorpus.Files(dir.FullName, TimeMlSplit.All).Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_folder_without_tml_files_is_an_input_error()
    {
        var dir = Directory.CreateTempSubdirectory("empty");
        try
        {
            Assert.Throws<SitrepInputException>(() => TimeMlCorpus.Files(dir.FullName, TimeMlSplit.All));
        }
        finally
        {
            dir.Delete();
        }
    }
}
