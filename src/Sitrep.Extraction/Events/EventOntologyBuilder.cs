using System.Globalization;
using System.Text;

namespace Sitrep.Extraction.Events;

/// <summary>
/// Compiles <c>data/ontology/cameo.tsv</c> and <c>plover.tsv</c> from the PETRARCH2 dictionaries (the CAMEO codes used in
/// <c>CAMEO.2.0.txt</c> and listed in <c>PETR.Internal.Coding.Ontology.txt</c>) and the PLOVER project's
/// <c>CAMEO2PLOVER-2021.txt</c> and README (names, mapping, quad categories). Goldstein values are not in either source; an
/// optional file of "code value" lines fills them.
/// </summary>
public static class EventOntologyBuilder
{
    public sealed record Result(string Cameo, string Plover, int Codes, int Mapped, int Goldstein);

    public static Result Build(string petrarchDir, string ploverDir, string? goldsteinFile = null)
    {
        string verbs = Path.Combine(petrarchDir, "CAMEO.2.0.txt");
        string pico = Path.Combine(petrarchDir, "PETR.Internal.Coding.Ontology.txt");
        string mapping = Path.Combine(ploverDir, "CAMEO2PLOVER-2021.txt");
        string readme = Path.Combine(ploverDir, "README.md");
        foreach (var f in new[] { verbs, pico, mapping })
            if (!File.Exists(f)) throw new SitrepInputException(f, "no such file");

        var codes = new SortedDictionary<string, (string? Name, string? Pico)>(StringComparer.Ordinal);
        var rootNames = new Dictionary<string, string>(StringComparer.Ordinal);
        int n = 0;
        foreach (var raw in File.ReadLines(pico))
        {
            n++;
            var line = raw.Trim();
            int colon = line.IndexOf(':');
            if (line.Length == 0 || line[0] == '#' || colon < 2 || !line[..colon].All(char.IsAsciiDigit)) continue;
            string code = line[..colon];
            string rest = line[(colon + 1)..];
            int hash = rest.IndexOf('#');
            string value = (hash < 0 ? rest : rest[..hash]).Trim();
            string? comment = hash < 0 ? null : rest[(hash + 1)..].Trim();
            // Root lines carry the category name ("020:0x2000#Appeal"); later '#' fields are masks, not names.
            if (comment is not null && code.Length == 3 && code[2] == '0')
            {
                var last = comment.Split('#')[^1].Trim();
                if (last.Length > 0 && char.IsLetter(last[0])) rootNames[code[..2]] = last;
            }
            codes[code] = (null, value.Length == 0 ? null : value);
        }
        foreach (var raw in File.ReadLines(verbs))
        {
            // Codes appear in brackets: "[042:043]", "[190]", "[---]".
            for (int i = raw.IndexOf('['); i >= 0; i = raw.IndexOf('[', i + 1))
            {
                if (raw.AsSpan(0, i).Contains('#')) break;
                int close = raw.IndexOf(']', i);
                if (close < 0) break;
                foreach (var part in raw[(i + 1)..close].Split(':'))
                {
                    var c = part.Trim();
                    if (c.Length is >= 3 and <= 4 && c.All(char.IsAsciiDigit) && !codes.ContainsKey(c)) codes[c] = (null, null);
                }
            }
        }

        var plover = new Dictionary<string, (string Type, string? Mode, string? Context, string Name)>(StringComparer.Ordinal);
        n = 0;
        foreach (var raw in File.ReadLines(mapping))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int colon = line.IndexOf(':');
            if (colon < 2 || !line[..colon].All(char.IsAsciiDigit)) continue;
            string code = line[..colon];
            if (code.Length < 3) continue; // root headings ("03: AGREE")
            string rest = line[(colon + 1)..];
            int hash = rest.IndexOf('#');
            string name = hash < 0 ? "" : rest[(hash + 1)..].Trim();
            var fields = (hash < 0 ? rest : rest[..hash]).Split(',');
            string type = fields[0].Trim();
            if (type.Length == 0 || !type.All(ch => char.IsAsciiLetterUpper(ch) || ch == '_')) throw new SitrepInputException(mapping, $"bad PLOVER type \"{type}\"", n);
            string? mode = fields.Length > 1 ? Clean(fields[1]) : null;
            string? context = fields.Length > 2 ? Clean(string.Join(",", fields[2..])) : null;
            plover[code] = (type, mode, context, name);
            if (!codes.ContainsKey(code)) codes[code] = (null, null);
        }

        var goldstein = new Dictionary<string, double>(StringComparer.Ordinal);
        if (goldsteinFile is not null)
        {
            if (!File.Exists(goldsteinFile)) throw new SitrepInputException(goldsteinFile, "no such file");
            n = 0;
            foreach (var raw in File.ReadLines(goldsteinFile))
            {
                n++;
                var cols = raw.Split((char[])['\t', ' ', ','], StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length < 2 || !cols[0].All(char.IsAsciiDigit)) continue;
                if (!double.TryParse(cols[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < -10 || v > 10)
                    throw new SitrepInputException(goldsteinFile, "Goldstein value must be a number in [-10, 10]", n);
                goldstein[cols[0]] = v;
            }
        }

        var cameo = new StringBuilder();
        cameo.Append("# CAMEO event codes compiled by `sitrep data build-ontology` (see LICENSE.md): codes from the PETRARCH2 dictionaries\n");
        cameo.Append("# (CAMEO.2.0.txt patterns and PETR.Internal.Coding.Ontology.txt, MIT); names and PLOVER mapping from the PLOVER\n");
        cameo.Append("# project's CAMEO2PLOVER-2021.txt (CC BY-SA 4.0), so this file is CC BY-SA 4.0.\n");
        cameo.Append("# columns: code\tname\tpico\tgoldstein\tplover\tmode\tcontext   (_ = none)\n");
        int mapped = 0, gold = 0;
        foreach (var (code, (_, picoCode)) in codes)
        {
            plover.TryGetValue(code, out var p);
            string name = p.Name is { Length: > 0 } ? p.Name : code.Length == 3 && code[2] == '0' && rootNames.TryGetValue(code[..2], out var rn) ? rn : "_";
            if (p.Type is not null) mapped++;
            string g = goldstein.TryGetValue(code, out var gv) ? gv.ToString("0.0", CultureInfo.InvariantCulture) : "_";
            if (g != "_") gold++;
            cameo.Append(code).Append('\t').Append(Tsv(name)).Append('\t').Append(picoCode ?? "_").Append('\t').Append(g).Append('\t')
                .Append(p.Type ?? "_").Append('\t').Append(p.Mode ?? "_").Append('\t').Append(p.Context ?? "_").Append('\n');
        }

        var quads = ReadQuads(readme);
        var roots = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (code, p) in plover)
        {
            if (!roots.TryGetValue(p.Type, out var set)) roots[p.Type] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(code[..2]);
        }
        foreach (var t in quads.Keys) if (!roots.ContainsKey(t)) roots[t] = [];
        var pl = new StringBuilder();
        pl.Append("# PLOVER event types compiled by `sitrep data build-ontology` from the PLOVER project's README and CAMEO2PLOVER-2021.txt\n");
        pl.Append("# (CC BY-SA 4.0, see LICENSE.md). columns: type\tquad category\tCAMEO roots mapped to it (|-joined, _ = none)\n");
        foreach (var (type, set) in roots)
            pl.Append(type).Append('\t').Append(quads.GetValueOrDefault(type, "_")).Append('\t').Append(set.Count == 0 ? "_" : string.Join('|', set)).Append('\n');
        return new Result(cameo.ToString(), pl.ToString(), codes.Count, mapped, gold);
    }

    /// <summary>The README's quad table: "Verbal cooperation | AGREE, CONSULT, …".</summary>
    private static Dictionary<string, string> ReadQuads(string readme)
    {
        var quads = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(readme)) return quads;
        foreach (var raw in File.ReadLines(readme))
        {
            var cols = raw.Split('|');
            if (cols.Length < 2) continue;
            var quad = cols[0].Trim();
            if (!(quad.StartsWith("Verbal ", StringComparison.Ordinal) || quad.StartsWith("Material ", StringComparison.Ordinal))) continue;
            string key = quad.Replace(' ', '_').ToLowerInvariant();
            foreach (var t in cols[1].Split(',')) if (t.Trim() is { Length: > 0 } name) quads[name] = key;
        }
        return quads;
    }

    private static string? Clean(string s)
    {
        var t = s.Trim();
        return t.Length == 0 ? null : t.Replace(' ', '_').Replace("_;", ";").Replace(";_", ";");
    }

    private static string Tsv(string s) => s.Replace('\t', ' ');
}
