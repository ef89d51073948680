using System.Globalization;

namespace Sitrep.Extraction.Events;

/// <summary>One CAMEO event code with its name, PETRARCH internal (PICO) code, optional Goldstein value and PLOVER mapping.</summary>
public sealed record CameoCode(string Code, string Name, string? Pico, double? Goldstein, string? Plover, string? PloverMode, string? PloverContext)
{
    /// <summary>The two-digit root ("19" for "193").</summary>
    public string Root => Code[..2];
}

/// <summary>One PLOVER event type with its quad category and the CAMEO roots it gathers.</summary>
public sealed record PloverType(string Name, string Quad, IReadOnlyList<string> CameoRoots);

/// <summary>
/// CAMEO codes, PLOVER types and the CAMEO→PLOVER 2021 mapping, read from Sitrep's compiled files under
/// <c>data/ontology/</c> (<c>cameo.tsv</c>, <c>plover.tsv</c>; built by <c>sitrep data build-ontology</c>). Immutable.
/// </summary>
public sealed class EventOntology
{
    public const string CameoFile = "cameo.tsv";
    public const string PloverFile = "plover.tsv";

    private readonly Dictionary<string, CameoCode> _codes;
    private readonly Dictionary<string, PloverType> _plover;

    public EventOntology(IEnumerable<CameoCode> codes, IEnumerable<PloverType> plover)
    {
        _codes = new Dictionary<string, CameoCode>(StringComparer.Ordinal);
        foreach (var c in codes) _codes[c.Code] = c;
        _plover = new Dictionary<string, PloverType>(StringComparer.Ordinal);
        foreach (var p in plover) _plover[p.Name] = p;
    }

    public IReadOnlyCollection<CameoCode> Codes => _codes.Values;
    public IReadOnlyCollection<PloverType> PloverTypes => _plover.Values;

    public CameoCode? Find(string code) => _codes.GetValueOrDefault(code);
    public bool Contains(string code) => _codes.ContainsKey(code);

    /// <summary>The PLOVER type the 2021 table gives for exactly this code; null when there is none (01x, 02x).</summary>
    public string? PloverOf(string code) => _codes.TryGetValue(code, out var c) ? c.Plover : null;

    public PloverType? Plover(string name) => _plover.GetValueOrDefault(name);

    /// <summary>data/ontology beside data/models (or an explicit directory).</summary>
    public static string ResolveDirectory(string? explicitDirectory = null)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
            return Directory.Exists(explicitDirectory) ? Path.GetFullPath(explicitDirectory)
                : throw new SitrepInputException(explicitDirectory, "ontology directory not found");
        var dir = Path.GetFullPath(Path.Combine(Models.ModelLocator.ResolveDirectory(), "..", "ontology"));
        return Directory.Exists(dir) ? dir : throw new SitrepInputException(dir, "ontology directory not found (expected data/ontology beside data/models)");
    }

    public static EventOntology Load(string? directory = null)
    {
        directory = ResolveDirectory(directory);
        var codes = new List<CameoCode>();
        string cameoPath = Path.Combine(directory, CameoFile);
        foreach (var (line, cols) in DataFile.Rows(cameoPath, 7))
        {
            if (cols[0].Length is < 2 or > 4 || !cols[0].All(char.IsAsciiDigit)) throw new SitrepInputException(cameoPath, $"bad CAMEO code \"{cols[0]}\"", line);
            double? g = null;
            if (cols[3] != "_")
            {
                if (!double.TryParse(cols[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) throw new SitrepInputException(cameoPath, "bad Goldstein value", line);
                g = v;
            }
            codes.Add(new CameoCode(cols[0], DataFile.Opt(cols[1]) ?? "", DataFile.Opt(cols[2]), g, DataFile.Opt(cols[4]), DataFile.Opt(cols[5]), DataFile.Opt(cols[6])));
        }
        var plover = new List<PloverType>();
        foreach (var (_, cols) in DataFile.Rows(Path.Combine(directory, PloverFile), 3))
            plover.Add(new PloverType(cols[0], cols[1], cols[2] == "_" ? [] : cols[2].Split('|')));
        return new EventOntology(codes, plover);
    }
}

/// <summary>Tab-separated data files with # comments: the shared reader of the event coder's tables.</summary>
internal static class DataFile
{
    public static IEnumerable<(int Line, string[] Cols)> Rows(string path, int minColumns)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "no such file");
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            if (raw.Length == 0 || raw[0] == '#') continue;
            var cols = raw.Split('\t');
            if (cols.Length < minColumns) throw new SitrepInputException(path, $"expected {minColumns} tab-separated columns", n);
            yield return (n, cols);
        }
    }

    public static string? Opt(string s) => s is "_" or "" ? null : s;
}
