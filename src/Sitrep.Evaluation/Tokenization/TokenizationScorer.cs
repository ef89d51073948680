using System.Text;
using Sitrep.Text.Formats;

namespace Sitrep.Evaluation.Tokenization;

/// <summary>
/// Scores a tokenizer and sentence splitter against CoNLL-U: the raw text is rebuilt from the `# text`
/// lines (sentences of a paragraph joined by a space, paragraphs and documents by a blank line), run
/// through the pipeline, and predicted token and sentence spans are matched exactly against the gold
/// words and sentences. Words of a multiword token ("don't" → do + n't) get the offsets of their forms
/// inside the surface token when the forms spell it out, else they share the surface token's span once.
/// </summary>
public sealed class TokenizationScorer(Pipeline pipeline, int maxErrors = 0)
{
    public sealed record Result(long GoldTokens, long PredictedTokens, long MatchedTokens, long GoldSentences, long PredictedSentences, long MatchedSentences, int Misaligned)
    {
        /// <summary>Examples of disagreements, "gold → predicted" with context, up to the limit the scorer was given.</summary>
        public IReadOnlyList<string> Errors { get; init; } = [];

        public MetricReport ToReport(string title) => new MetricReport(title)
            .AddPrf("tokens", MatchedTokens, PredictedTokens, GoldTokens)
            .AddPrf("sentences", MatchedSentences, PredictedSentences, GoldSentences)
            .AddCount("gold_tokens", GoldTokens)
            .AddCount("gold_sentences", GoldSentences);
    }

    public Result Score(IEnumerable<ConlluSentence> sentences, string fileName)
    {
        var text = new StringBuilder();
        var goldTokens = new HashSet<TextSpan>();
        var goldSentences = new HashSet<TextSpan>();
        int misaligned = 0;
        foreach (var sentence in sentences)
        {
            if (text.Length > 0) text.Append(sentence.NewParagraph ? "\n\n" : " ");
            int offset = text.Length;
            string sentenceText = sentence.Text ?? Rebuild(sentence);
            text.Append(sentenceText);
            if (!AlignWords(sentence, sentenceText, offset, goldTokens)) misaligned++;
            int lead = sentenceText.Length - sentenceText.TrimStart().Length;
            goldSentences.Add(new TextSpan(offset + lead, offset + sentenceText.TrimEnd().Length));
        }
        if (text.Length == 0) throw new SitrepInputException(fileName, "no sentences");

        var doc = pipeline.Process(new Document(text.ToString()));
        long matchedTokens = 0, matchedSentences = 0;
        foreach (var t in doc.Tokens)
            if (goldTokens.Contains(new TextSpan(t.Start, t.End))) matchedTokens++;
        foreach (var s in doc.Sentences)
            if (goldSentences.Contains(s.Span)) matchedSentences++;
        return new Result(goldTokens.Count, doc.TokenCount, matchedTokens, goldSentences.Count, doc.Sentences.Count, matchedSentences, misaligned)
        {
            Errors = maxErrors > 0 ? CollectErrors(doc, goldTokens, goldSentences) : [],
        };
    }

    private List<string> CollectErrors(Document doc, HashSet<TextSpan> goldTokens, HashSet<TextSpan> goldSentences)
    {
        var errors = new List<string>();
        var text = doc.Text;
        string Context(int start, int end) =>
            text[Math.Max(0, start - 30)..start].Replace('\n', '|') + "[" + text[start..end].Replace('\n', '|') + "]" + text[end..Math.Min(text.Length, end + 30)].Replace('\n', '|');
        foreach (var t in doc.Tokens)
        {
            if (errors.Count >= maxErrors / 2) break;
            if (!goldTokens.Contains(new TextSpan(t.Start, t.End))) errors.Add("token    " + Context(t.Start, t.End));
        }
        var predictedStarts = new HashSet<int>();
        foreach (var s in doc.Sentences) predictedStarts.Add(s.Start);
        foreach (var g in goldSentences.OrderBy(g => g.Start))
        {
            if (errors.Count >= maxErrors) break;
            if (!predictedStarts.Contains(g.Start)) errors.Add("missed   " + Context(Math.Max(0, g.Start - 1), g.Start));
        }
        var goldStarts = new HashSet<int>(goldSentences.Select(g => g.Start));
        foreach (var s in doc.Sentences)
        {
            if (errors.Count >= maxErrors * 3 / 2) break;
            if (!goldStarts.Contains(s.Start)) errors.Add("spurious " + Context(Math.Max(0, s.Start - 1), s.Start));
        }
        return errors;
    }

    private static string Rebuild(ConlluSentence sentence)
    {
        var sb = new StringBuilder();
        int id = 1;
        while (id <= sentence.Words.Count)
        {
            if (sentence.MultiwordStartingAt(id) is { } mwt)
            {
                sb.Append(mwt.Form);
                if (mwt.SpaceAfter) sb.Append(' ');
                id = mwt.Last + 1;
                continue;
            }
            var w = sentence.Words[id - 1];
            sb.Append(w.Form);
            if (w.SpaceAfter) sb.Append(' ');
            id++;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Finds each surface token in the sentence text and records the gold word spans; false if a form is not found in order.</summary>
    private static bool AlignWords(ConlluSentence sentence, string text, int offset, HashSet<TextSpan> gold)
    {
        int pos = 0, id = 1;
        bool aligned = true;
        while (id <= sentence.Words.Count)
        {
            var mwt = sentence.MultiwordStartingAt(id);
            string surface = mwt?.Form ?? sentence.Words[id - 1].Form;
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            int at = string.CompareOrdinal(text, pos, surface, 0, surface.Length) == 0 ? pos : text.IndexOf(surface, pos, StringComparison.Ordinal);
            if (at < 0) { aligned = false; at = pos; }
            int end = Math.Min(text.Length, at + surface.Length);
            if (mwt is null)
            {
                gold.Add(new TextSpan(offset + at, offset + end));
                id++;
            }
            else
            {
                AddMultiwordParts(sentence, mwt, at, offset, gold);
                id = mwt.Last + 1;
            }
            pos = end;
        }
        return aligned;
    }

    private static void AddMultiwordParts(ConlluSentence sentence, ConlluMultiword mwt, int at, int offset, HashSet<TextSpan> gold)
    {
        int total = 0;
        for (int w = mwt.First; w <= mwt.Last; w++) total += sentence.Words[w - 1].Form.Length;
        bool spelled = total == mwt.Form.Length;
        int p = 0;
        for (int w = mwt.First; w <= mwt.Last && spelled; w++)
        {
            var form = sentence.Words[w - 1].Form;
            if (string.Compare(mwt.Form, p, form, 0, form.Length, StringComparison.OrdinalIgnoreCase) != 0) spelled = false;
            p += form.Length;
        }
        if (!spelled)
        {
            gold.Add(new TextSpan(offset + at, offset + at + mwt.Form.Length));
            return;
        }
        p = at;
        for (int w = mwt.First; w <= mwt.Last; w++)
        {
            int len = sentence.Words[w - 1].Form.Length;
            gold.Add(new TextSpan(offset + p, offset + p + len));
            p += len;
        }
    }
}
