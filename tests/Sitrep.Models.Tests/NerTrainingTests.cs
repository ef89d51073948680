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

    [Fact]
    public void Beam_trained_recognizer_round_trips_its_beam_width_and_decodes_valid_bilou()
    {
        var train = Corpus(300, 1);
        var dev = Corpus(60, 2);
        var gazetteer = NerGazetteer.Build([("Lisbon", LexiconCategory.City)]);
        var options = new NerTrainingOptions { Epochs = 3, WordDropout = 0.25, Clusters = Clusters(), BeamSize = 4 };
        var result = EntityRecognizerTrainer.Train(train, dev, [], gazetteer, null, options);
        Assert.True(result.Dev.F1 > 0.9, result.Dev.Summary());
        Assert.Equal(4, result.Recognizer.BeamSize);

        string path = Path.Combine(Path.GetTempPath(), $"sitrep-ner-beam-{Environment.ProcessId}.model");
        try
        {
            EntityRecognizerTrainer.Save(path, result, "synthetic", "CC0");
            var loaded = EntityRecognizer.Load(path);
            Assert.Equal(4, loaded.BeamSize);
            var words = NerWordsOf(loaded, ["Ivan", "Petrov", "works", "for", "Red", "Cross", "in", "Hanoi", "."]);
            var classes = new int[words.Length];
            loaded.Tag(words, classes, null);
            int prev = -1;
            for (int i = 0; i < classes.Length; i++)
            {
                Assert.True(EntityRecognizer.Allowed(prev, classes[i], i == classes.Length - 1), $"class {classes[i]} after {prev} at {i}");
                prev = classes[i];
            }
            Assert.Equal([new NerSpan(0, 2, "PER"), new NerSpan(4, 6, "ORG"), new NerSpan(7, 8, "LOC")], EntityRecognizer.Decode(classes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Beam_of_one_matches_greedy_constrained_decoding()
    {
        var train = Corpus(200, 3);
        var result = EntityRecognizerTrainer.Train(train, Corpus(40, 4), [], NerGazetteer.Build([]), null,
            new NerTrainingOptions { Epochs = 2, BeamSize = 1, TuneOutsideBias = false });
        var r = result.Recognizer;
        var f = new ulong[EntityRecognizer.MaxFeatures];
        var h = new ulong[EntityRecognizer.MaxHistoryFeatures];
        foreach (var s in Corpus(30, 5))
        {
            var words = NerWordsOf(r, s.Words);
            var beam = new int[words.Length];
            r.Tag(words, beam, null);
            // Greedy: the best allowed class given the previous choice, scored with the same features.
            var greedy = new int[words.Length];
            var scores = new int[EntityRecognizer.ClassCount];
            int p1 = -1, p2 = -2;
            for (int i = 0; i < words.Length; i++)
            {
                int n = EntityRecognizer.Extract(words, i, 0, 0, false, f);
                r.Weights.Score(f.AsSpan(0, n), scores);
                n = EntityRecognizer.ExtractHistory(words, i, p1, p2, false, h);
                r.Weights.AddScores(h.AsSpan(0, n), scores);
                greedy[i] = EntityRecognizer.BestAllowed(scores, p1, i == words.Length - 1);
                p2 = p1;
                p1 = greedy[i];
            }
            Assert.Equal(greedy, beam);
        }
    }

    [Fact]
    public void Domain_augmented_training_ships_folded_weights_and_is_deterministic()
    {
        // Web sentences and news sentences where the same organisation word is written differently.
        var train = Corpus(240, 1).Select((s, i) => s with { Domain = i % 2 == 0 ? NerSentence.WebDomain : NerSentence.NewsDomain }).ToList();
        var dev = Corpus(60, 2);
        var options = new NerTrainingOptions { Epochs = 3, BeamSize = 2, DomainAdaptation = true, TargetDomain = NerSentence.NewsDomain };
        var a = EntityRecognizerTrainer.Train(train, dev, [], NerGazetteer.Build([]), null, options, null, Corpus(40, 6));
        var plain = EntityRecognizerTrainer.Train(train, dev, [], NerGazetteer.Build([]), null, options with { DomainAdaptation = false });
        Assert.True(a.Dev.F1 > 0.9, a.Dev.Summary());
        Assert.Contains(a.Scores, kv => kv.Key == "news_dev_f1" && kv.Value > 0.9);
        // Domain copies are folded into the shared features, not shipped: about as many features as without augmentation.
        Assert.InRange(a.Recognizer.Weights.FeatureCount, 1, plain.Recognizer.Weights.FeatureCount * 3 / 2);

        string p1 = Path.Combine(Path.GetTempPath(), $"sitrep-ner-da-{Environment.ProcessId}.model");
        try
        {
            EntityRecognizerTrainer.Save(p1, a, "synthetic", "CC0");
            var again = EntityRecognizerTrainer.Train(train, dev, [], NerGazetteer.Build([]), null, options, null, Corpus(40, 6));
            EntityRecognizerTrainer.Save(p1 + "2", again, "synthetic", "CC0");
            Assert.Equal(File.ReadAllBytes(p1), File.ReadAllBytes(p1 + "2"));
        }
        finally
        {
            File.Delete(p1);
            File.Delete(p1 + "2");
        }
    }

    [Fact]
    public void Held_back_slice_takes_every_fifth_document_and_the_rest_is_disjoint()
    {
        var docs = new List<NerSentence>();
        for (int d = 0; d < 12; d++)
            for (int k = 0; k < 2; k++) docs.Add(new NerSentence([$"d{d}", $"s{k}"], ["O", "O"], d * 10 + k, k == 0));
        var dev = NerCorpus.Slice(docs, dev: true);
        var rest = NerCorpus.Slice(docs, dev: false);
        Assert.Equal(["d4", "d4", "d9", "d9"], dev.Select(s => s.Words[0]));
        Assert.Equal(docs.Count, dev.Count + rest.Count);
        Assert.Empty(dev.Select(s => s.Words[0]).Intersect(rest.Select(s => s.Words[0])));
        Assert.True(dev[0].NewDocument && !dev[1].NewDocument && dev[2].NewDocument);
    }

    private static NerWord[] NerWordsOf(EntityRecognizer r, string[] words)
    {
        var w = new NerWord[words.Length];
        r.Prepare(words, null, w, false);
        return w;
    }
}

public sealed class NerConsistencyTests
{
    /// <summary>A document of one sentence per line, tokens split at spaces.</summary>
    private static Document Lines(params string[] lines)
    {
        var doc = new Document(string.Join('\n', lines));
        int offset = 0;
        foreach (var line in lines)
        {
            int first = doc.TokenCount;
            foreach (var word in line.Split(' '))
            {
                int at = doc.Text.IndexOf(word, offset, StringComparison.Ordinal);
                doc.AddToken(new TokenData(at, word.Length, TokenKind.Word, doc.TokenCount == first ? TokenFlags.SentenceStart : TokenFlags.None));
                offset = at + word.Length;
            }
            doc.AddSentence(new Sentence(doc.Tokens[first].Start, offset, first, doc.TokenCount));
        }
        return doc;
    }

    [Fact]
    public void A_tagged_name_and_the_surname_of_a_full_name_are_names_elsewhere_in_the_document_but_not_inside_longer_names()
    {
        var doc = Lines("Ashton Carter met Google staff .", "Later Google and Carter spoke .", "Google Maps was down .", "i love google .");
        int org = Array.IndexOf(EntityRecognizer.Types, "ORG"), per = Array.IndexOf(EntityRecognizer.Types, "PER");
        var found = new List<(int First, int End, int Type)> { (0, 2, per), (3, 4, org) };
        EntityRecognizer.Propagate(doc, found);
        Assert.Equal([(0, 2, per), (3, 4, org), (7, 8, org), (9, 10, per), (19, 20, org)], found);
    }

    [Fact]
    public void An_acronym_defined_after_a_tagged_organisation_is_that_organisation_there_and_later()
    {
        var doc = Lines("The Islamic State in Iraq and Syria ( ISIS ) held Raqqa .", "ISIS fighters fled .");
        int org = Array.IndexOf(EntityRecognizer.Types, "ORG"), loc = Array.IndexOf(EntityRecognizer.Types, "LOC");
        var found = new List<(int First, int End, int Type)> { (1, 7, org), (11, 12, loc) };
        EntityRecognizer.Propagate(doc, found);
        Assert.Equal([(1, 7, org), (8, 9, org), (11, 12, loc), (13, 14, org)], found);
    }

    [Fact]
    public void A_name_tagged_with_two_types_takes_the_type_of_most_of_its_mentions()
    {
        var doc = Lines("Burger King .", "Burger King .", "Burger King .");
        int loc = Array.IndexOf(EntityRecognizer.Types, "LOC"), per = Array.IndexOf(EntityRecognizer.Types, "PER");
        var found = new List<(int First, int End, int Type)> { (0, 2, per), (3, 5, loc), (6, 8, loc) };
        EntityRecognizer.Propagate(doc, found);
        Assert.Equal([(0, 2, loc), (3, 5, loc), (6, 8, loc)], found);
    }

    [Fact]
    public void A_mention_cut_short_of_a_longer_name_of_the_document_becomes_that_name_within_its_sentence()
    {
        var doc = Lines("The National Institute for Disaster Management warned .", "National Institute for Disaster Management staff came .",
            "The National Institute .", "National Institute for Disaster", "Management");
        int org = Array.IndexOf(EntityRecognizer.Types, "ORG"), loc = Array.IndexOf(EntityRecognizer.Types, "LOC");
        var found = new List<(int First, int End, int Type)> { (1, 6, org), (8, 10, loc), (16, 18, org), (19, 21, org) };
        EntityRecognizer.Propagate(doc, found);
        // The second sentence's mention grows to the full name and its type; the third has nothing after it to match; the
        // fourth would have to run into the next sentence to match, so it grows only as far as its sentence allows (not at all).
        Assert.Equal([(1, 6, org), (8, 13, org), (16, 18, org), (19, 21, org)], found);
    }
}
