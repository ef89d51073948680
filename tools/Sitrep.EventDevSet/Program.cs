// Sitrep.EventDevSet: converts the hand-written source files of the event development set
// (data/dev/events/src/*.txt) into data/dev/events-dev.jsonl and checks them.
//
//   dotnet run --project tools/Sitrep.EventDevSet -- build   [--dict DIR]   write the JSONL
//   dotnet run --project tools/Sitrep.EventDevSet -- check   [--dict DIR]   validate; fails if the JSONL is stale
//   dotnet run --project tools/Sitrep.EventDevSet -- stats   [--dict DIR]   counts (markdown) for the docs
//
// Source format (see data/dev/events/README.md):
//   @ ev-0001 | 2024-03-12 | tag tag ...      record header (tags optional)
//   free text, one or more lines                the sentence(s); lines are joined with a space
//   + SRC TGT CAMEO                             gold event, modality asserted
//   +r SRC TGT CAMEO                            gold event, modality reported (inside a quote / attributed claim)
//   ~h|~f|~n SRC TGT CAMEO                      non-asserted event (hypothetical | future | negated), NOT gold
//   # ...                                       comment line
// A record with no '+' line has "events": [].
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Sitrep.EventDevSet;

public static partial class Program
{
    public static int Main(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "check";
        var dict = Environment.GetEnvironmentVariable("SITREP_DICT") ?? "/work/shared/dictionaries";
        for (var i = 1; i < args.Length - 1; i++)
            if (args[i] == "--dict") dict = args[i + 1];
        var root = FindRepoRoot();
        var srcDir = Path.Combine(root, "data", "dev", "events", "src");
        var outFile = Path.Combine(root, "data", "dev", "events-dev.jsonl");

        var codebook = Codebook.Load(dict);
        var errors = new List<string>();
        var records = SourceParser.ParseDirectory(srcDir, errors);
        foreach (var r in records)
            foreach (var e in r.Events.Concat(r.NonAsserted))
                e.Plover = codebook.Plover(e.Cameo);
        Checker.Validate(records, codebook, errors);
        var jsonl = Jsonl.Write(records);

        switch (verb)
        {
            case "build":
                if (errors.Count > 0) { Report(errors); return 1; }
                File.WriteAllText(outFile, jsonl, new UTF8Encoding(false));
                Console.WriteLine($"wrote {records.Count} records to {Path.GetRelativePath(root, outFile)}");
                return 0;
            case "check":
                if (!File.Exists(outFile)) errors.Add($"{outFile} missing: run build");
                else if (File.ReadAllText(outFile) != jsonl) errors.Add($"{Path.GetRelativePath(root, outFile)} is stale: run build");
                else Checker.ValidateJsonl(outFile, codebook, errors);
                if (errors.Count > 0) { Report(errors); return 1; }
                Console.WriteLine($"ok: {records.Count} sentences, {records.Sum(r => r.Events.Count)} gold events, " +
                                  $"{records.Sum(r => r.NonAsserted.Count)} non-asserted, {records.Count(r => r.Events.Count == 0)} with no gold event");
                return 0;
            case "stats":
                Console.Write(Stats.Markdown(records, codebook));
                return errors.Count > 0 ? 1 : 0;
            default:
                Console.Error.WriteLine("usage: Sitrep.EventDevSet build|check|stats [--dict DIR]");
                return 2;
        }
    }

    static void Report(List<string> errors)
    {
        foreach (var e in errors) Console.Error.WriteLine("error: " + e);
        Console.Error.WriteLine($"{errors.Count} error(s)");
    }

    static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Sitrep.slnx"))) return d.FullName;
        throw new InvalidOperationException("run inside the Sitrep repository (Sitrep.slnx not found)");
    }
}

public sealed class Event
{
    public required string Source { get; init; }
    public required string Target { get; init; }
    public required string Cameo { get; init; }
    public string? Plover { get; set; }
    public required string Modality { get; init; } // asserted | reported | hypothetical | future | negated
    public required string Where { get; init; }
}

public sealed class Record
{
    public required string Id { get; init; }
    public required string Published { get; init; }
    public required string Where { get; init; }
    public List<string> Tags { get; } = [];
    public StringBuilder Text { get; } = new();
    public List<Event> Events { get; } = [];
    public List<Event> NonAsserted { get; } = [];
}

public static partial class SourceParser
{
    public static List<Record> ParseDirectory(string dir, List<string> errors)
    {
        var records = new List<Record>();
        foreach (var file in Directory.GetFiles(dir, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            Record? cur = null;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                var where = $"{Path.GetFileName(file)}:{i + 1}";
                if (line.Length == 0 || line.StartsWith('#')) continue;
                if (line.StartsWith('@'))
                {
                    var parts = line[1..].Split('|', StringSplitOptions.TrimEntries);
                    if (parts.Length < 2) { errors.Add($"{where}: header needs '@ id | date [| tags]'"); cur = null; continue; }
                    cur = new Record { Id = parts[0], Published = parts[1], Where = where };
                    if (parts.Length > 2) cur.Tags.AddRange(parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    records.Add(cur);
                    continue;
                }
                if (cur == null) { errors.Add($"{where}: text outside a record"); continue; }
                var m = EventLine().Match(line);
                if (m.Success)
                {
                    var modality = m.Groups[1].Value switch
                    {
                        "+" => "asserted", "+r" => "reported", "~h" => "hypothetical", "~f" => "future", "~n" => "negated", _ => "?",
                    };
                    var ev = new Event { Source = m.Groups[2].Value, Target = m.Groups[3].Value, Cameo = m.Groups[4].Value, Modality = modality, Where = where };
                    (modality is "asserted" or "reported" ? cur.Events : cur.NonAsserted).Add(ev);
                    continue;
                }
                if (line.StartsWith('+') || line.StartsWith('~')) { errors.Add($"{where}: malformed event line '{line}'"); continue; }
                if (cur.Events.Count + cur.NonAsserted.Count > 0) { errors.Add($"{where}: text after event lines"); continue; }
                if (cur.Text.Length > 0) cur.Text.Append(' ');
                cur.Text.Append(line);
            }
        }
        return records;
    }

    [GeneratedRegex(@"^(\+r|\+|~h|~f|~n)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")]
    private static partial Regex EventLine();
}

public sealed partial class Codebook
{
    public HashSet<string> CameoCodes { get; } = [];
    public Dictionary<string, string> PloverByCameo { get; } = [];
    public Dictionary<string, string> CameoNames { get; } = [];

    public static Codebook Load(string dictDir)
    {
        var cb = new Codebook();
        var petrarch = Path.Combine(dictDir, "petrarch");
        // verb dictionary: every [ddd] / [dddd] code used in a pattern
        foreach (Match m in BracketCode().Matches(File.ReadAllText(Path.Combine(petrarch, "CAMEO.2.0.txt"))))
            cb.CameoCodes.Add(m.Groups[1].Value);
        // PICO: the full CAMEO code list of the PETRARCH family
        foreach (var line in File.ReadLines(Path.Combine(petrarch, "PETR.Internal.Coding.Ontology.txt")))
        {
            var m = PicoLine().Match(line);
            if (m.Success) cb.CameoCodes.Add(m.Groups[1].Value);
        }
        foreach (var line in File.ReadLines(Path.Combine(dictDir, "plover", "CAMEO2PLOVER-2021.txt")))
        {
            var m = PloverLine().Match(line);
            if (!m.Success) continue;
            cb.PloverByCameo[m.Groups[1].Value] = m.Groups[2].Value;
            cb.CameoNames[m.Groups[1].Value] = m.Groups[3].Value.Trim();
        }
        return cb;
    }

    /// <summary>The PLOVER type the 2021 mapping gives for exactly this CAMEO code, or null (01x, 02x have none).</summary>
    public string? Plover(string cameo) => PloverByCameo.TryGetValue(cameo, out var p) ? p : null;

    [GeneratedRegex(@"\[(\d{3,4})\]")] private static partial Regex BracketCode();
    [GeneratedRegex(@"^(\d{3,4}):")] private static partial Regex PicoLine();
    [GeneratedRegex(@"^(\d{3,4}):\s*([A-Z]+)\s*,[^#]*#\s*(.*)$")] private static partial Regex PloverLine();
}

public static partial class Actors
{
    // ISO 3166-1 alpha-3 codes admitted in the set (extend when a sentence needs a new country).
    public static readonly HashSet<string> Countries =
    [
        "AFG", "ALB", "ARE", "ARG", "ARM", "AZE", "BEL", "BFA", "BGD", "BLR", "BRA", "CAF", "CAN", "CHE", "CHN", "CMR", "COD", "COL", "CUB",
        "DEU", "DNK", "DZA", "ECU", "EGY", "ERI", "ESP", "EST", "ETH", "FIN", "FRA", "GAB", "GBR", "GEO", "GHA", "GIN", "GRC", "GUY", "HTI", "HUN", "IDN", "IRL", "IND", "IRN", "IRQ",
        "ISR", "ITA", "JOR", "JPN", "KAZ", "KEN", "KOR", "KWT", "LBN", "LBY", "LKA", "LTU", "LVA", "MAR", "MDA", "MEX", "MLI", "MMR",
        "MOZ", "NER", "NGA", "NLD", "NOR", "OMN", "PAK", "PHL", "POL", "PRK", "PSE", "QAT", "ROU", "RUS", "RWA", "SAU",
        "SDN", "SEN", "SOM", "SRB", "SSD", "SWE", "SYR", "TCD", "TGO", "THA", "TUN", "TUR", "TWN", "UGA", "UKR", "USA", "VEN", "VNM",
        "XKX", "YEM", "ZAF",
    ];

    // Sector (role) codes, CAMEO/Phoenix agent codes plus INS (insurgents).
    public static readonly HashSet<string> Sectors =
    [
        "GOV", "MIL", "REB", "INS", "OPP", "CVL", "MED", "BUS", "REF", "COP", "JUD", "LEG", "PTY", "HLH", "EDU", "LAB",
        "REL", "CRM", "SPY", "HRI", "ELI",
    ];

    // Closed list of IGO / NGO / transnational group codes (Phoenix codes where Phoenix has one).
    public static readonly Dictionary<string, string> Groups = new()
    {
        ["IGOUNO"] = "United Nations (Secretariat, Security Council, envoys, UN mission)",
        ["IGOUNOREFHCR"] = "UNHCR",
        ["IGOUNOWFP"] = "World Food Programme",
        ["IGOUNOIAE"] = "IAEA",
        ["IGOWSTNAT"] = "NATO",
        ["IGOEUREEC"] = "European Union",
        ["IGOMEAARL"] = "Arab League",
        ["IGOWAFBUSWAS"] = "ECOWAS",
        ["IGOAFRAU"] = "African Union (Sitrep code; Phoenix has only the OAU)",
        ["IGOCOA"] = "the US-led anti-ISIS coalition (Sitrep code)",
        ["NGOHLHIRC"] = "International Committee of the Red Cross",
        ["NGOHLHMSF"] = "Medecins Sans Frontieres",
        ["NGOHRIAMN"] = "Amnesty International",
        ["NGOHRI"] = "other human-rights NGO (e.g. Human Rights Watch)",
        ["NGO"] = "other non-governmental organisation",
        ["IMGMUSISI"] = "Islamic State (ISIS/ISIL/Daesh), Phoenix code",
    };

    public static bool IsValid(string code, out string why)
    {
        why = "";
        if (Groups.ContainsKey(code)) return true;
        var m = StateActor().Match(code);
        if (!m.Success) { why = "not COUNTRY[SECTOR] and not a listed group code"; return false; }
        if (!Countries.Contains(m.Groups[1].Value)) { why = $"country {m.Groups[1].Value} not in the admitted ISO3 list"; return false; }
        if (m.Groups[2].Success && m.Groups[2].Value.Length > 0 && !Sectors.Contains(m.Groups[2].Value)) { why = $"sector {m.Groups[2].Value} unknown"; return false; }
        return true;
    }

    /// <summary>The "country" key used by event_root_f1/plover_f1: ISO3 for state actors, the whole code for groups.</summary>
    public static string CountryKey(string code) => Groups.ContainsKey(code) ? code : code[..3];

    [GeneratedRegex(@"^([A-Z]{3})([A-Z]{3})?$")] private static partial Regex StateActor();
}

public static partial class Checker
{
    public static readonly HashSet<string> KnownTags =
    [
        "passive", "negation", "quote", "hypothetical", "future", "nominal", "compound", "coordination", "relative",
        "apposition", "noevent", "multi", "title", "threat",
    ];

    public static void Validate(List<Record> records, Codebook cb, List<string> errors)
    {
        var ids = new HashSet<string>();
        foreach (var r in records)
        {
            if (!IdPattern().IsMatch(r.Id)) errors.Add($"{r.Where}: id '{r.Id}' is not ev-NNNN");
            if (!ids.Add(r.Id)) errors.Add($"{r.Where}: duplicate id {r.Id}");
            if (!DateOnly.TryParseExact(r.Published, "yyyy-MM-dd", out _)) errors.Add($"{r.Where}: bad published date '{r.Published}'");
            if (r.Text.Length == 0) errors.Add($"{r.Where}: empty text");
            foreach (var t in r.Tags)
                if (!KnownTags.Contains(t)) errors.Add($"{r.Where}: unknown tag '{t}'");
            if (r.Tags.Contains("noevent") && r.Events.Count > 0) errors.Add($"{r.Where}: tagged noevent but has gold events");
            if (r.Events.Count == 0 && r.NonAsserted.Count == 0 && !r.Tags.Contains("noevent"))
                errors.Add($"{r.Where}: no events at all: tag it noevent");
            foreach (var e in r.Events.Concat(r.NonAsserted))
            {
                if (!cb.CameoCodes.Contains(e.Cameo)) errors.Add($"{e.Where}: CAMEO code {e.Cameo} not in the codebook");
                if (e.Plover != cb.Plover(e.Cameo)) errors.Add($"{e.Where}: PLOVER {e.Plover} does not match mapping for {e.Cameo}");
                if (!Actors.IsValid(e.Source, out var w1)) errors.Add($"{e.Where}: source {e.Source}: {w1}");
                if (!Actors.IsValid(e.Target, out var w2)) errors.Add($"{e.Where}: target {e.Target}: {w2}");
                if (e.Source == e.Target) errors.Add($"{e.Where}: source equals target ({e.Source})");
            }
        }
        var roots = records.SelectMany(r => r.Events).GroupBy(e => e.Cameo[..2]).ToDictionary(g => g.Key, g => g.Count());
        for (var root = 1; root <= 20; root++)
        {
            var key = root.ToString("00");
            var n = roots.GetValueOrDefault(key);
            if (n < 6) errors.Add($"CAMEO root {key} has {n} gold events (need >= 6)");
        }
    }

    /// <summary>Re-reads the written JSONL and checks it independently of the source parser.</summary>
    public static void ValidateJsonl(string file, Codebook cb, List<string> errors)
    {
        var ids = new HashSet<string>();
        var n = 0;
        foreach (var line in File.ReadLines(file))
        {
            n++;
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            foreach (var p in new[] { "id", "text", "published", "events" })
                if (!o.TryGetProperty(p, out _)) errors.Add($"jsonl line {n}: missing {p}");
            if (!ids.Add(o.GetProperty("id").GetString()!)) errors.Add($"jsonl line {n}: duplicate id");
            foreach (var arr in new[] { "events", "nonAsserted" })
            {
                if (!o.TryGetProperty(arr, out var evs)) continue;
                foreach (var e in evs.EnumerateArray())
                {
                    var cameo = e.GetProperty("cameo").GetString();
                    var plover = e.GetProperty("plover").ValueKind == JsonValueKind.Null ? null : e.GetProperty("plover").GetString();
                    if (cameo != null && !cb.CameoCodes.Contains(cameo)) errors.Add($"jsonl line {n}: cameo {cameo} unknown");
                    if (cameo != null && plover != cb.Plover(cameo)) errors.Add($"jsonl line {n}: plover {plover} != mapping for {cameo}");
                    if (!Actors.IsValid(e.GetProperty("source").GetString()!, out _) || !Actors.IsValid(e.GetProperty("target").GetString()!, out _))
                        errors.Add($"jsonl line {n}: bad actor code");
                }
            }
        }
    }

    [GeneratedRegex(@"^ev-\d{4}$")] private static partial Regex IdPattern();
}

public static class Jsonl
{
    static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write(List<Record> records)
    {
        var sb = new StringBuilder();
        foreach (var r in records)
        {
            var o = new Dictionary<string, object?>
            {
                ["id"] = r.Id,
                ["text"] = r.Text.ToString(),
                ["published"] = r.Published,
                ["events"] = r.Events.Select(Ev).ToList(),
            };
            if (r.NonAsserted.Count > 0) o["nonAsserted"] = r.NonAsserted.Select(Ev).ToList();
            if (r.Tags.Count > 0) o["tags"] = r.Tags;
            sb.Append(JsonSerializer.Serialize(o, Options)).Append('\n');
        }
        return sb.ToString();
    }

    static Dictionary<string, object?> Ev(Event e)
    {
        var d = new Dictionary<string, object?> { ["source"] = e.Source, ["target"] = e.Target, ["cameo"] = e.Cameo, ["plover"] = e.Plover };
        if (e.Modality != "asserted") d["modality"] = e.Modality;
        return d;
    }
}

public static class Stats
{
    public static string Markdown(List<Record> records, Codebook cb)
    {
        var sb = new StringBuilder();
        var gold = records.SelectMany(r => r.Events).ToList();
        var non = records.SelectMany(r => r.NonAsserted).ToList();
        sb.AppendLine($"- sentences (records): {records.Count}");
        sb.AppendLine($"- gold events: {gold.Count} (asserted {gold.Count(e => e.Modality == "asserted")}, reported {gold.Count(e => e.Modality == "reported")})");
        sb.AppendLine($"- non-asserted events: {non.Count} (hypothetical {non.Count(e => e.Modality == "hypothetical")}, future {non.Count(e => e.Modality == "future")}, negated {non.Count(e => e.Modality == "negated")})");
        sb.AppendLine($"- records with no gold event: {records.Count(r => r.Events.Count == 0)} (of which tagged `noevent`, i.e. no event of any kind: {records.Count(r => r.Tags.Contains("noevent"))})");
        sb.AppendLine();
        sb.AppendLine("| root | gold events | non-asserted | distinct codes |");
        sb.AppendLine("|---|---|---|---|");
        for (var root = 1; root <= 20; root++)
        {
            var k = root.ToString("00");
            sb.AppendLine($"| {k} | {gold.Count(e => e.Cameo[..2] == k)} | {non.Count(e => e.Cameo[..2] == k)} | {gold.Concat(non).Where(e => e.Cameo[..2] == k).Select(e => e.Cameo).Distinct().Count()} |");
        }
        sb.AppendLine();
        sb.AppendLine("| tag | records |");
        sb.AppendLine("|---|---|");
        foreach (var t in Checker.KnownTags.OrderBy(t => t))
            sb.AppendLine($"| {t} | {records.Count(r => r.Tags.Contains(t))} |");
        sb.AppendLine();
        sb.AppendLine("| PLOVER | gold events |");
        sb.AppendLine("|---|---|");
        foreach (var g in gold.GroupBy(e => e.Plover ?? "(none)").OrderBy(g => g.Key))
            sb.AppendLine($"| {g.Key} | {g.Count()} |");
        sb.AppendLine();
        sb.AppendLine("Codes used: " + string.Join(", ", gold.Concat(non).Select(e => e.Cameo).Distinct().OrderBy(c => c)
            .Select(c => $"{c}({gold.Count(e => e.Cameo == c)})")));
        return sb.ToString();
    }
}
