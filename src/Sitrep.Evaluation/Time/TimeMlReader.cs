using System.Globalization;
using System.Text;
using System.Xml;

namespace Sitrep.Evaluation.Time;

/// <summary>One gold TIMEX3 of a TimeML document: offsets into <see cref="TimeMlDocument.Text"/>.</summary>
public sealed record GoldTimex(int Start, int End, string Text, TimeType Type, string? Value, string? Mod);

/// <summary>A TimeML document: the text content of &lt;TEXT&gt;, its creation time (the DCT TIMEX3) and its TIMEX3s.</summary>
public sealed record TimeMlDocument(string Name, string Text, DateTime? Dct, IReadOnlyList<GoldTimex> Timexes);

/// <summary>
/// Reads TimeML (TempEval-3 TBAQ) with <see cref="XmlReader"/>: the DCT value becomes the reference date; the text is
/// every character inside &lt;TEXT&gt; with the tags removed, and TIMEX3 offsets are counted in that text.
/// </summary>
public static class TimeMlReader
{
    public static TimeMlDocument ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static TimeMlDocument Read(Stream stream, string name)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var reader = XmlReader.Create(stream, settings);
        var lineInfo = (IXmlLineInfo)reader;
        try
        {
            return Read(reader, lineInfo, name);
        }
        catch (XmlException e)
        {
            throw new SitrepInputException(name, "malformed TimeML: " + e.Message, e.LineNumber > 0 ? e.LineNumber : null, e);
        }
    }

    private static TimeMlDocument Read(XmlReader reader, IXmlLineInfo lineInfo, string name)
    {
        var text = new StringBuilder();
        var timexes = new List<GoldTimex>();
        DateTime? dct = null;
        bool inDct = false, inText = false, sawText = false;
        int timexStart = -1, timexLine = 0;
        string? type = null, value = null, mod = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.LocalName == "DCT") inDct = !reader.IsEmptyElement;
                    else if (reader.LocalName == "TEXT")
                    {
                        if (sawText) throw new SitrepInputException(name, "more than one <TEXT> element", lineInfo.LineNumber);
                        inText = sawText = !reader.IsEmptyElement;
                    }
                    else if (reader.LocalName == "TIMEX3")
                    {
                        if (inDct && reader.GetAttribute("value") is { } dctValue) dct = ParseDct(dctValue, name, lineInfo.LineNumber);
                        else if (inText)
                        {
                            if (timexStart >= 0) throw new SitrepInputException(name, "nested TIMEX3", lineInfo.LineNumber);
                            type = reader.GetAttribute("type");
                            value = reader.GetAttribute("value");
                            mod = reader.GetAttribute("mod");
                            timexLine = lineInfo.LineNumber;
                            timexStart = text.Length;
                            if (reader.IsEmptyElement) timexStart = -1;  // a non-consuming TIMEX3 has no span to score
                        }
                    }
                    break;
                case XmlNodeType.EndElement:
                    if (reader.LocalName == "DCT") inDct = false;
                    else if (reader.LocalName == "TEXT") inText = false;
                    else if (reader.LocalName == "TIMEX3" && inText && timexStart >= 0)
                    {
                        if (!Enum.TryParse<TimeType>(type, ignoreCase: false, out var timeType))
                            throw new SitrepInputException(name, $"TIMEX3 with type '{type}' (expected DATE, TIME, DURATION or SET)", timexLine);
                        timexes.Add(new GoldTimex(timexStart, text.Length, text.ToString(timexStart, text.Length - timexStart), timeType, value, string.IsNullOrEmpty(mod) ? null : mod));
                        timexStart = -1;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA:
                    if (inText) text.Append(reader.Value);
                    break;
            }
        }
        if (!sawText) throw new SitrepInputException(name, "no <TEXT> element: not a TimeML document");
        return new TimeMlDocument(name, text.ToString(), dct, timexes);
    }

    private static DateTime ParseDct(string value, string name, int line)
    {
        var span = value.AsSpan();
        if (span.Length >= 10 && DateTime.TryParseExact(span[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (span.Length >= 8 && DateTime.TryParseExact(span[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return date;
        throw new SitrepInputException(name, $"DCT value '{value}' is not a date", line);
    }
}

/// <summary>Which documents of a TimeML folder an evaluation reads.</summary>
public enum TimeMlSplit { All, Train, Heldout }

/// <summary>
/// The fixed tuning split: the .tml files of a folder (recursively) in ordinal order of their relative paths; every
/// fifth one (index 4, 9, 14…) is held out, the others are the 80% the rules may be tuned on.
/// </summary>
public static class TimeMlCorpus
{
    public static IReadOnlyList<string> Files(string path, TimeMlSplit split)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new SitrepInputException(path, "no such file or directory");
        var files = Directory.GetFiles(path, "*.tml", SearchOption.AllDirectories);
        if (files.Length == 0) throw new SitrepInputException(path, "no .tml files in this directory");
        var relative = files.Select(f => Path.GetRelativePath(path, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        var chosen = new List<string>();
        for (int i = 0; i < relative.Length; i++)
        {
            bool heldOut = i % 5 == 4;
            if (split == TimeMlSplit.All || split == TimeMlSplit.Heldout == heldOut) chosen.Add(Path.Combine(path, relative[i]));
        }
        return chosen;
    }
}
