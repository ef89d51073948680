using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Sitrep.Ingest;

/// <summary>
/// Flattens an HTML tree into paragraphs separated by blank lines: block elements end a paragraph,
/// whitespace inside one collapses to a single space, &lt;br&gt; keeps its line break.
/// Captions, scripts, forms and the like carry no article text and are skipped.
/// </summary>
public static class HtmlText
{
    private static readonly FrozenSet<string> Skipped = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "script", "style", "noscript", "template", "figcaption", "button", "form", "select", "svg", "iframe", "head", "object", "canvas", "video", "audio");

    // Page furniture outside the article; skipped only when flattening a whole page, not SmartReader's extract.
    private static readonly FrozenSet<string> PageChrome = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "nav", "aside", "header", "footer", "figure", "menu", "dialog");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
        "section", "article", "main", "header", "footer", "table", "thead", "tbody", "tr", "td", "th", "figure",
        "address", "hr", "body", "details", "summary", "caption");

    /// <summary>The text of <paramref name="root"/>, paragraphs joined by "\n\n".</summary>
    public static string ToText(INode root, bool skipPageChrome)
    {
        ArgumentNullException.ThrowIfNull(root);
        var output = new StringBuilder();
        var paragraph = new StringBuilder();
        bool pendingSpace = false;

        // Iterative walk: malformed pages can nest thousands of elements deep.
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, leaving) = stack.Pop();
            if (leaving)
            {
                EndParagraph();
                continue;
            }
            switch (node)
            {
                case IText t:
                    Append(t.Data);
                    break;
                case IElement e:
                    var name = e.LocalName;
                    if (Skipped.Contains(name) || (skipPageChrome && PageChrome.Contains(name))) break;
                    if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                    {
                        paragraph.Append('\n');
                        pendingSpace = false;
                        break;
                    }
                    bool block = Blocks.Contains(name);
                    if (block)
                    {
                        EndParagraph();
                        stack.Push((e, true));
                    }
                    for (int i = e.ChildNodes.Length - 1; i >= 0; i--) stack.Push((e.ChildNodes[i], false));
                    break;
                default:
                    if (node.NodeType is NodeType.Document or NodeType.DocumentFragment)
                    {
                        for (int i = node.ChildNodes.Length - 1; i >= 0; i--) stack.Push((node.ChildNodes[i], false));
                    }
                    break;
            }
        }
        EndParagraph();
        return output.ToString();

        void Append(string data)
        {
            foreach (char c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }
                if (pendingSpace && paragraph.Length > 0 && paragraph[^1] != '\n') paragraph.Append(' ');
                pendingSpace = false;
                paragraph.Append(c);
            }
        }

        void EndParagraph()
        {
            pendingSpace = false;
            int start = 0, end = paragraph.Length;
            while (start < end && char.IsWhiteSpace(paragraph[start])) start++;
            while (end > start && char.IsWhiteSpace(paragraph[end - 1])) end--;
            if (end > start)
            {
                if (output.Length > 0) output.Append("\n\n");
                output.Append(paragraph, start, end - start);
            }
            paragraph.Clear();
        }
    }
}
