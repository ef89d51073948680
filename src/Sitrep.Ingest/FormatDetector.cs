namespace Sitrep.Ingest;

/// <summary>Chooses a reader: by file extension when there is one, else by the first characters of the decoded text.</summary>
public static class FormatDetector
{
    public static InputFormat FromExtension(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "-") return InputFormat.Auto;
        var ext = Path.GetExtension(path.AsSpan());
        if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase) || ext.Equals(".text", StringComparison.OrdinalIgnoreCase)) return InputFormat.Text;
        if (ext.Equals(".html", StringComparison.OrdinalIgnoreCase) || ext.Equals(".htm", StringComparison.OrdinalIgnoreCase) || ext.Equals(".xhtml", StringComparison.OrdinalIgnoreCase)) return InputFormat.Html;
        if (ext.Equals(".json", StringComparison.OrdinalIgnoreCase)) return InputFormat.Json;
        if (ext.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || ext.Equals(".ndjson", StringComparison.OrdinalIgnoreCase)) return InputFormat.JsonLines;
        return InputFormat.Auto;
    }

    /// <summary>Looks at the start of the text only: "{" is JSON, an HTML doctype or root tag is HTML, anything else text.</summary>
    public static InputFormat Sniff(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        if (text.IsEmpty) return InputFormat.Text;
        if (text[0] == '{') return InputFormat.Json;
        if (text[0] != '<') return InputFormat.Text;
        ReadOnlySpan<string> htmlStarts = ["<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<article"];
        foreach (var start in htmlStarts)
        {
            if (text.StartsWith(start, StringComparison.OrdinalIgnoreCase)) return InputFormat.Html;
        }
        return InputFormat.Text;
    }
}
