using System.Globalization;

namespace Sitrep.Extraction.Quotes;

/// <summary>
/// Finds direct, partial and indirect quotations and their sources (docs/quotes.md). Direct and partial quotes come
/// from the quote marks; indirect speech from reporting cues with a complement clause, read from the dependency parse
/// (<c>ccomp</c>/<c>nsubj</c> of the cue) when the document is parsed and from word patterns otherwise. Speakers are
/// the cue's subject resolved to an entity of the linker, or a description of an anonymous source ("A US military
/// official", "Mosul residents"). Pull-quotes and repeats become occurrences of one quote.
/// Immutable and thread-safe: per-document state lives in a <see cref="QuoteRun"/>.
/// </summary>
public sealed class QuoteFinder : IStage
{
    private readonly QuoteLexicon _lexicon = new();

    public string Name => Layers.Quotes;
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Sentences, Layers.Entities];
    public IReadOnlyList<string> Produces { get; } = [Layers.Quotes];

    public void Process(Document document)
    {
        document.Quotes.Clear();
        if (document.TokenCount == 0) return;
        var found = new QuoteRun(document, _lexicon).Find();
        found.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.End.CompareTo(x.End));
        int n = 0;
        foreach (var q in found)
        {
            q.Occurrences.Sort((x, y) => x.Start.CompareTo(y.Start));
            document.Quotes.Add(new Quote
            {
                Id = "qt" + (++n).ToString(CultureInfo.InvariantCulture),
                Kind = q.Kind,
                Text = document.Text.Substring(q.Start, q.End - q.Start),
                Start = q.Start,
                End = q.End,
                Speaker = q.Source.Entity,
                SpeakerText = q.Source.Text,
                Anonymous = q.Source.Anonymous,
                Cue = q.Cue,
                Occurrences = q.Occurrences,
            });
        }
    }
}

/// <summary>Who a quote is attributed to: an entity id, the words naming the source, whether the source is unnamed.</summary>
internal readonly record struct QuoteSource(string? Entity, string? Text, bool Anonymous, int Name = -1)
{
    /// <summary>No source. Use it instead of <c>default</c>, whose <see cref="Name"/> would be cluster 0, not "no cluster".</summary>
    public static QuoteSource None => new(null, null, false);

    public bool Found => Entity is not null || Text is not null;
}

internal sealed class FoundQuote
{
    public int Start, End;
    public QuoteKind Kind;
    public int Open = -1, Close = -1;
    public QuoteSource Source;
    public bool Attributed;
    public string? Cue;
    public List<TextSpan> Occurrences = [];
}
