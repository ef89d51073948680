using Sitrep.Models;

namespace Sitrep.Models.Tests;

/// <summary>The NER trainer and the word-cluster builder on small synthetic data (CI never retrains the shipped model).</summary>
public sealed class NerTrainingTests
{
    private static readonly string[] People = ["Anna Berg", "Carlos Ruiz", "Mei Chen", "Omar Haddad", "Lena Vogel", "Ivan Petrov"];
    private static readonly string[] Places = ["Lisbon", "Nairobi", "Quito", "Oslo", "Hanoi", "Tunis"];
    private static readonly string[] Orgs = ["Acme Corp", "Nordbank", "Red Cross"];

    /// <summary>A few hundred tagged sentences: "PER met PER in LOC .", "PER works for ORG in LOC .", "the talks ended ."</summary>
    private static List<NerSentence> Corpus(int count, int seed)
    {
        var list = new List<NerSentence>();
        var rng = new Random(seed);
        for (int n = 0; n < count; n++)
        {
            var words = new List<string>();
            var tags = new List<string>();
            void Name(string name, string type)
            {
                var parts = name.Split(' ');
                for (int i = 0; i < parts.Length; i++) { words.Add(parts[i]); tags.Add((i == 0 ? "B-" : "I-") + type); }
            }
            void Word(string w) { words.Add(w); tags.Add("O"); }
            switch (n % 3)
            {
                case 0:
                    Name(People[rng.Next(People.Length)], "PER"); Word("met"); Name(People[rng.Next(People.Length)], "PER");
                    Word("in"); Name(Places[rng.Next(Places.Length)], "LOC"); Word(".");
                    break;
                case 1:
                    Name(People[rng.Next(People.Length)], "PER"); Word("works"); Word("for"); Name(Orgs[rng.Next(Orgs.Length)], "ORG");
                    Word("in"); Name(Places[rng.Next(Places.Length)], "LOC"); Word(".");
                    break;
                default:
                    Word("The"); Word("talks"); Word("ended"); Word("early"); Word(".");
                    break;
            }
            list.Add(new NerSentence([.. words], [.. tags], n + 1, n % 10 == 0));
        }
        return list;
    }

    private static WordClusters Clusters()
    {
        var b = new WordClusterBuilder();
        foreach (var s in Corpus(300, 7)) b.AddSentence(s.Words);
        string path = Path.Combine(Path.GetTempPath(), $"sitrep-clusters-{Environment.ProcessId}.tsv");
        File.WriteAllText(path, b.Build(2, [4, 8, 16], 3));
        try { return WordClusters.Load(path); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Cluster_builder_is_deterministic_and_records_case()
    {
        string Build()
        {
            var b = new WordClusterBuilder();
            foreach (var s in Corpus(300, 7)) b.AddSentence(s.Words);
            b.AddText("Reports came from Lisbon today.\n\nthe talks in Lisbon ended.");
            return b.Build(2, [4, 8, 16], 3);
        }
        string table = Build();
        Assert.Equal(table, Build());
        var rows = table.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToDictionary(c => c[0]);
        Assert.Equal("4", rows["lisbon"][4]);   // always capitalized when not sentence-initial
        Assert.Equal("1", rows["talks"][4]);    // always lower case
        Assert.True(int.Parse(rows["lisbon"][1]) < 4 && int.Parse(rows["lisbon"][3]) < 16);
    }

    [Fact]
    public void Trains_a_small_recognizer_that_round_trips_and_is_deterministic()
    {
        var train = Corpus(300, 1);
        var dev = Corpus(60, 2);
        var gazetteer = NerGazetteer.Build([("Lisbon", LexiconCategory.City), ("Anna", LexiconCategory.FirstName)]);
        var options = new NerTrainingOptions { Epochs = 3, WordDropout = 0.25, Clusters = Clusters() };
        var result = EntityRecognizerTrainer.Train(train, dev, [], gazetteer, null, options);
        Assert.True(result.Dev.F1 > 0.9, result.Dev.Summary());

        string path = Path.Combine(Path.GetTempPath(), $"sitrep-ner-{Environment.ProcessId}.model");
        string path2 = path + "2";
        try
        {
            EntityRecognizerTrainer.Save(path, result, "synthetic", "CC0");
            var loaded = EntityRecognizer.Load(path);
            Assert.Equal(result.Recognizer.OutsideBias, loaded.OutsideBias);
            Assert.Equal(result.Recognizer.Clusters.Count, loaded.Clusters.Count);
            var spans = loaded.Recognize(["Mei", "Chen", "met", "Omar", "Haddad", "in", "Oslo", "."], null, new Dictionary<ulong, int>());
            Assert.Contains(new NerSpan(0, 2, "PER"), spans);
            Assert.Contains(new NerSpan(3, 5, "PER"), spans);
            Assert.Contains(new NerSpan(6, 7, "LOC"), spans);

            var again = EntityRecognizerTrainer.Train(train, dev, [], gazetteer, null, options with { Clusters = Clusters() });
            EntityRecognizerTrainer.Save(path2, again, "synthetic", "CC0");
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(path2));
        }
        finally
        {
            File.Delete(path);
            File.Delete(path2);
        }
    }
}
