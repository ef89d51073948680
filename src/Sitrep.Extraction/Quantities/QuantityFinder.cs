using System.Globalization;

namespace Sitrep.Extraction.Quantities;

/// <summary>
/// Finds figures in digits and words ("30,000", "more than 30,000", "a couple hundred", "thousands of", "dozens",
/// "three times"), with their value, qualifier and kind (cardinal, money, percent, ordinal, multiplier), and the
/// lemma of the noun they count ("30,000 Iraqi troops" → troop). Numbers inside time expressions are left to the
/// time tagger. When a tagger has filled POS, lemma and heads, the counted noun comes from them; until then from
/// light rules: skip modifiers (a small lexicon, capitalized nationality words, hyphenated compounds) and take the
/// first noun-like word, singularized by suffix rules and exceptions.
/// </summary>
public sealed class QuantityFinder : IStage
{
    private readonly QuantityLexicon _lexicon;

    public QuantityFinder() : this(QuantityLexicon.English()) { }

    public QuantityFinder(QuantityLexicon lexicon) => _lexicon = lexicon;

    public string Name => "quantities";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<string> Produces => [Layers.Quantities];

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        if (tokens.IsEmpty) return;
        var scan = new QuantityScan(document, tokens, _lexicon);
        if (document.Sentences.Count == 0) scan.Range(0, tokens.Length);
        foreach (var s in document.Sentences) scan.Range(s.TokenStart, s.TokenEnd);
    }
}

internal ref struct QuantityScan
{
    private readonly Document _doc;
    private readonly string _text;
    private readonly ReadOnlySpan<TokenData> _t;
    private readonly QuantityLexicon _lexicon;
    private readonly List<TimeExpression> _times;
    private int _time;
    private int _start, _end;

    public QuantityScan(Document doc, ReadOnlySpan<TokenData> tokens, QuantityLexicon lexicon)
    {
        _doc = doc;
        _text = doc.Text;
        _t = tokens;
        _lexicon = lexicon;
        _times = doc.Times;
    }

    private readonly ReadOnlySpan<char> Word(int i) => _t[i].Norm is { } n ? n.AsSpan() : _text.AsSpan(_t[i].Start, _t[i].Length);
    private readonly NumberLex Lex(int i) => i >= _start && i < _end ? _lexicon.Get(Word(i)) : default;
    private readonly bool Is(int i, string word) => i >= _start && i < _end && Word(i).Equals(word, StringComparison.OrdinalIgnoreCase);
    private readonly bool Joined(int i) => i + 1 < _end && _t[i].End == _t[i + 1].Start;

    /// <summary>True when token i lies inside a time expression (times are in text order; the cursor only moves forward).</summary>
    private bool InTime(int i)
    {
        int at = _t[i].Start;
        while (_time < _times.Count && _times[_time].End <= at) _time++;
        return _time < _times.Count && _times[_time].Start <= at;
    }

    public void Range(int start, int end)
    {
        _start = start;
        _end = end;
        int i = start;
        while (i < end)
        {
            if (CanOpen(i) && !InTime(i) && TryAt(i, out int next)) i = next;
            else i++;
        }
    }

    /// <summary>Only digits, currency signs, number words and qualifiers open a figure: one lookup turns most tokens away.</summary>
    private readonly bool CanOpen(int i)
    {
        char c = _text[_t[i].Start];
        if (char.IsAsciiDigit(c) || c is '$' or '€' or '£' or '¥') return true;
        if (!char.IsLetter(c)) return false;
        var kind = _lexicon.Get(Word(i)).Kind;
        return kind switch
        {
            NumberWordKind.None or NumberWordKind.Adjective or NumberWordKind.Percent => false,
            NumberWordKind.Stop => Is(i, "at") || Is(i, "no") || Is(i, "between"),
            _ => true,
        };
    }

    private bool TryAt(int i, out int next)
    {
        next = i + 1;
        int first = i;
        var qualifier = Qualifier.Exact;
        // Qualifier words: "more than", "at least", "up to", "about", "nearly", "an estimated".
        var lex = Lex(i);
        if (lex.Kind == NumberWordKind.Article && Is(i + 1, "estimated")) { qualifier = Qualifier.About; i += 2; }
        else if (lex.Kind == NumberWordKind.Qualifier)
        {
            var q = (Qualifier)(int)lex.Value;
            int j = i + 1;
            if (Is(i, "more") || Is(i, "less") || Is(i, "fewer")) { if (!Is(j, "than")) return false; j++; }
            else if (Is(i, "up")) { if (!Is(j, "to")) return false; j++; }
            else if (Is(i, "upwards")) { if (!Is(j, "of")) return false; j++; }
            else if (Is(i, "least")) return false;
            if (Is(i, "nearly") || Is(i, "almost")) q = Qualifier.AtMost;
            qualifier = q;
            i = j;
        }
        else if (Is(i, "at") && (Is(i + 1, "least") || Is(i + 1, "most")))
        {
            qualifier = Is(i + 1, "least") ? Qualifier.AtLeast : Qualifier.AtMost;
            i += 2;
        }
        else if (Is(i, "no") && (Is(i + 1, "fewer") || Is(i + 1, "less") || Is(i + 1, "more")) && Is(i + 2, "than"))
        {
            qualifier = Is(i + 1, "more") ? Qualifier.AtMost : Qualifier.AtLeast;
            i += 3;
        }
        else if (Is(i, "between") && i + 1 < _end)
        {
            // "between 10 and 20": a range; the value is its lower bound.
            if (ReadFigure(i + 1, out var low, out int afterLow) && Is(afterLow, "and") && ReadFigure(afterLow + 1, out var high, out int afterHigh) && high.Value > low.Value)
            {
                next = Emit(first, afterHigh, low with { Qualifier = Qualifier.Range }, afterHigh);
                return true;
            }
            return false;
        }

        if (i >= _end || InTime(i)) return false;
        if (!ReadFigure(i, out var figure, out int end)) return false;
        if (qualifier != Qualifier.Exact) figure = figure with { Qualifier = qualifier };
        // "10 to 20", "10-20": ranges of two plain figures.
        if (qualifier == Qualifier.Exact && figure.Kind == QuantityKind.Cardinal && (Is(end, "to") || Is(end, "-") && Joined(end - 1) && Joined(end))
            && ReadFigure(end + 1, out var upper, out int afterUpper) && upper.Value > figure.Value && upper.Kind == QuantityKind.Cardinal && !InTime(end + 1))
        {
            figure = figure with { Qualifier = Qualifier.Range };
            end = afterUpper;
        }
        next = Emit(first, end, figure, end);
        return true;
    }

    private record struct Figure(double Value, Qualifier Qualifier, QuantityKind Kind, string? Unit, bool Vague, bool NeedsUnit);

    /// <summary>Reads one figure at i: currency, number in digits or words, scale, percent sign or "times".</summary>
    private readonly bool ReadFigure(int i, out Figure figure, out int end)
    {
        figure = default;
        end = i;
        if (i >= _end) return false;
        string? currency = null;
        var lex = Lex(i);
        if (lex.Kind == NumberWordKind.Currency && Word(i).Length <= 3 && !char.IsLetter(Word(i)[^1]) || Is(i, "US$") || Is(i, "S$"))
        {
            currency = lex.Code;
            i++;
            lex = Lex(i);
        }
        if (i >= _end) return false;
        double value;
        var qualifier = Qualifier.Exact;
        bool vague = false, needsUnit = false;
        int j;
        var word = Word(i);
        if (char.IsAsciiDigit(word[0]))
        {
            if (!TryDigits(word, out value)) return TryDigitOrdinal(i, out figure, out end);
            j = i + 1;
            if (_lexicon.Get(Word(Math.Min(j, _end - 1))).Kind == NumberWordKind.Scale && j < _end && (Is(j, "m") || Is(j, "bn") ? currency is not null : true))
            {
                value *= _lexicon.Get(Word(j)).Value;
                j++;
            }
        }
        else if (!ReadWords(i, out value, out qualifier, out vague, out needsUnit, out j))
        {
            if (lex.Kind == NumberWordKind.Ordinal && currency is null)
            {
                figure = new Figure(lex.Value, Qualifier.Exact, QuantityKind.Ordinal, null, false, false);
                end = i + 1;
                return true;
            }
            if (lex.Kind == NumberWordKind.Multiplier && currency is null)
            {
                figure = new Figure(lex.Value, Qualifier.Exact, QuantityKind.Multiplier, null, false, false);
                end = i + 1;
                return true;
            }
            return false;
        }
        var kind = QuantityKind.Cardinal;
        var after = Lex(j);
        if (currency is not null) kind = QuantityKind.Money;
        else if (after.Kind == NumberWordKind.Currency && char.IsLetter(Word(j)[0]))
        {
            currency = after.Code;
            kind = QuantityKind.Money;
            j++;
        }
        else if (after.Kind == NumberWordKind.Percent || Is(j, "per") && Is(j + 1, "cent"))
        {
            kind = QuantityKind.Percent;
            j += Is(j, "per") ? 2 : 1;
        }
        else if (Is(j, "times"))
        {
            kind = QuantityKind.Multiplier;
            j++;
        }
        figure = new Figure(value, qualifier, kind, kind == QuantityKind.Money ? currency : kind == QuantityKind.Percent ? "percent" : null, vague, needsUnit);
        end = j;
        return true;
    }

    private readonly bool TryDigitOrdinal(int i, out Figure figure, out int end)
    {
        figure = default;
        end = i + 1;
        var word = Word(i);
        int k = 0, value = 0;
        while (k < word.Length && char.IsAsciiDigit(word[k]) && k < 6) value = value * 10 + (word[k++] - '0');
        var rest = word[k..];
        if (k == 0 || rest.Length != 2 || !(rest.Equals("st", StringComparison.OrdinalIgnoreCase) || rest.Equals("nd", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("rd", StringComparison.OrdinalIgnoreCase) || rest.Equals("th", StringComparison.OrdinalIgnoreCase))) return false;
        figure = new Figure(value, Qualifier.Exact, QuantityKind.Ordinal, null, false, false);
        return true;
    }

    /// <summary>"30,000", "3.5", "1,200.50" (digits with thousands separators and one decimal point).</summary>
    private static bool TryDigits(ReadOnlySpan<char> word, out double value)
    {
        value = 0;
        foreach (char c in word)
            if (!char.IsAsciiDigit(c) && c != ',' && c != '.') return false;
        if (word[^1] is ',' or '.') return false;
        return double.TryParse(word, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Numbers in words: "twenty-five", "two hundred and fifty thousand", "a couple hundred", "a few dozen", "dozens", "hundreds of thousands".</summary>
    private readonly bool ReadWords(int i, out double value, out Qualifier qualifier, out bool vague, out bool needsUnit, out int end)
    {
        value = 0;
        qualifier = Qualifier.Exact;
        vague = false;
        needsUnit = false;
        end = i;
        int j = i;
        var lex = Lex(j);
        double total = 0, current = 0;
        bool any = false;
        if (lex.Kind == NumberWordKind.Article)
        {
            // "a hundred", "a dozen", "a couple (of) hundred", "a few hundred": the article is the count one.
            var nextLex = Lex(j + 1);
            if (nextLex.Kind is NumberWordKind.Hundred or NumberWordKind.Scale) { current = 1; j++; any = true; }
            else if (nextLex.Kind is NumberWordKind.Group or NumberWordKind.Few)
            {
                current = nextLex.Value;
                if (nextLex.Kind is NumberWordKind.Few || Is(j + 1, "couple")) qualifier = Qualifier.About;
                j += 2;
                if (Is(j, "of") && Lex(j + 1).Kind is NumberWordKind.Hundred or NumberWordKind.Scale) j++;
                any = true;
                if (Lex(j).Kind is not (NumberWordKind.Hundred or NumberWordKind.Scale)) needsUnit = true;
            }
            else return false;
        }
        else if (lex.Kind == NumberWordKind.Group)
        {
            // "couple hundred" without its article (a "couple hundred" in quotes); a bare "couple" is a pair of people.
            if (Is(j, "couple"))
            {
                if (Lex(j + 1).Kind is not (NumberWordKind.Hundred or NumberWordKind.Scale)) return false;
                qualifier = Qualifier.About;
            }
            current = lex.Value;
            j++;
            any = true;
        }
        else if (lex.Kind == NumberWordKind.Few && Is(j, "several"))
        {
            // "several hundred", "several thousand"; "several" alone is not a figure
            if (Lex(j + 1).Kind is not (NumberWordKind.Hundred or NumberWordKind.Scale)) return false;
            current = lex.Value;
            qualifier = Qualifier.AtLeast;
            j++;
            any = true;
        }
        else if (lex.Kind == NumberWordKind.VaguePlural)
        {
            // "dozens", "thousands of", "hundreds of thousands": at least two of the unit.
            value = 2 * lex.Value;
            j++;
            if (Is(j, "of") && Lex(j + 1).Kind == NumberWordKind.VaguePlural && Lex(j + 1).Value > lex.Value)
            {
                value = lex.Value * 2 * Lex(j + 1).Value;
                j += 2;
            }
            if (Is(j, "of")) j++;
            qualifier = Qualifier.AtLeast;
            vague = true;
            end = j;
            return true;
        }
        while (j < _end)
        {
            lex = Lex(j);
            if (lex.Kind == NumberWordKind.Unit)
            {
                // "one" alone is a pronoun more often than a count ("one of them"); keep it only with a noun after it.
                current += lex.Value;
                any = true;
                j++;
                if (Is(j, "-") && Joined(j - 1) && Joined(j) && Lex(j + 1).Kind == NumberWordKind.Unit && Lex(j + 1).Value < 10) { current += Lex(j + 1).Value; j += 2; }
            }
            else if (lex.Kind == NumberWordKind.Hundred && any) { current = (current == 0 ? 1 : current) * 100; j++; }
            else if (lex.Kind == NumberWordKind.Scale && any && !Is(j, "m")) { total += (current == 0 ? 1 : current) * lex.Value; current = 0; j++; }
            else if (Is(j, "and") && any && Lex(j + 1).Kind == NumberWordKind.Unit && (total > 0 || current >= 100)) j++;
            else break;
        }
        if (!any) return false;
        value = total + current;
        end = j;
        if (value == 1 && j == i + 1 || value == 0) needsUnit = true;
        return true;
    }

    /// <summary>Adds the quantity spanning tokens [first, end) and returns where scanning resumes.</summary>
    private readonly int Emit(int first, int end, Figure figure, int resume)
    {
        string? unit = figure.Unit;
        if (figure.Kind is QuantityKind.Cardinal or QuantityKind.Ordinal)
            unit = CountedNoun(end, first);
        else if (figure.Kind == QuantityKind.Multiplier)
            unit = Is(end, "the") || Is(end, "as") ? CountedNoun(end + 1, first) : null;
        if (unit is null && figure.Kind == QuantityKind.Cardinal)
            unit = ElidedUnit(first);
        if (figure.Kind == QuantityKind.Cardinal && (unit is null or "other") && (Is(end, "more") || Is(end, "others")))
            unit = PreviousUnit(first) ?? unit;
        if (figure.NeedsUnit && unit is null) return resume;
        int start = _t[first].Start, stop = _t[end - 1].End;
        _doc.Quantities.Add(new Quantity
        {
            Id = "q" + (_doc.Quantities.Count + 1).ToString(CultureInfo.InvariantCulture),
            Text = _text.Substring(start, stop - start),
            Start = start,
            End = stop,
            Value = figure.Value,
            Qualifier = QualifierName(figure.Qualifier),
            Unit = unit,
            Kind = figure.Kind,
        });
        return resume;
    }

    private static string QualifierName(Qualifier q) => q switch
    {
        Qualifier.About => "about",
        Qualifier.MoreThan => "more_than",
        Qualifier.AtLeast => "at_least",
        Qualifier.LessThan => "less_than",
        Qualifier.AtMost => "at_most",
        Qualifier.Range => "range",
        _ => "exact",
    };

    /// <summary>
    /// The singular unit of a tagged noun. Plural nouns go through the quantity lexicon's singularizer: the treebank
    /// lemmas it was trained on keep some plurals ("troops") and "people" counts persons.
    /// </summary>
    private readonly string NounUnit(int k)
    {
        ref readonly var t = ref _t[k];
        if (t.Tag is "NNS" || t.Lemma is null) return _lexicon.Lemmatize(Word(k));
        return t.Lemma;
    }

    /// <summary>
    /// The unit of a figure that names none because it measures a change: "grow the contingent of fighters by a
    /// couple hundred" counts fighters. Only after "by", from the nearest tagged plural noun before it.
    /// </summary>
    private readonly string? ElidedUnit(int first)
    {
        int k = first - 1;
        while (k >= _start && (_t[k].Kind == TokenKind.Punctuation && IsQuoteMark(k) || Is(k, "a") || Is(k, "an"))) k--;
        if (!Is(k, "by")) return null;
        for (int m = k - 1; m >= _start && m >= k - 10; m--)
        {
            // The counted noun sits in the verb's object ("increase the number of troops by 500"): stop at the verb.
            if (_t[m].Pos is Upos.VERB or Upos.AUX or Upos.CCONJ || _t[m].Kind == TokenKind.Punctuation && !IsQuoteMark(m)) return null;
            if (_t[m].Tag == "NNS" && _t[m].Relation is not ("nsubj" or "nsubj:pass")) return NounUnit(m);  // "prices rose by 20" measures the prices, not a count of them
        }
        return null;
    }

    /// <summary>
    /// "killing seven civilians and wounding 23 others", "two people ... a dozen more": the unit of the sentence's
    /// previous counted figure, which "others"/"more" stand for.
    /// </summary>
    private readonly string? PreviousUnit(int first)
    {
        int from = _t[_start].Start, before = _t[first].Start;
        for (int q = _doc.Quantities.Count - 1; q >= 0; q--)
        {
            var prev = _doc.Quantities[q];
            if (prev.Start < from) break;
            if (prev.End <= before && prev.Kind == QuantityKind.Cardinal && prev.Unit is { } u && u != "other") return u;
        }
        return null;
    }

    private readonly bool IsQuoteMark(int i) => _t[i].Length == 1 && _text[_t[i].Start] is '"' or '\'' or '\u201C' or '\u201D' or '\u2018' or '\u2019';

    /// <summary>The lemma of the noun a figure counts, starting at token j; null when none follows.</summary>
    private readonly string? CountedNoun(int j, int numberToken)
    {
        // A parse, when there is one, names the noun directly: the number's head under nummod.
        for (int k = numberToken; k < j && k < _end; k++)
        {
            ref readonly var t = ref _t[k];
            if (t.Relation == "nummod" && t.Head > k && t.Head < _end && _t[t.Head].Pos is Upos.NOUN or Upos.PROPN)
                return NounUnit(t.Head);
        }
        for (int k = j; k < _end && k < j + 5; k++)
        {
            ref readonly var t = ref _t[k];
            if (t.Pos != Upos.None)
            {
                if (t.Pos is Upos.ADJ or Upos.NUM || t.Pos == Upos.PUNCT && Is(k, "-")) continue;
                if (t.Pos is Upos.NOUN or Upos.PROPN) return NounUnit(k);
                return null;
            }
            if (t.Kind != TokenKind.Word)
            {
                if (Is(k, "-") && k > j && Joined(k - 1) && Joined(k)) continue;  // "US-backed fighters"
                return null;
            }
            var word = Word(k);
            var lex = _lexicon.Get(word);
            if (lex.Kind == NumberWordKind.Stop) return null;
            if (word.Equals("more", StringComparison.OrdinalIgnoreCase) && k == j) continue;  // "30 more soldiers"
            bool nextIsWord = k + 1 < _end && _t[k + 1].Kind == TokenKind.Word && _lexicon.Get(Word(k + 1)).Kind != NumberWordKind.Stop;
            if (lex.Kind == NumberWordKind.Adjective && nextIsWord) continue;
            if (lex.Kind is not (NumberWordKind.None or NumberWordKind.Adjective)) return null;
            // A capitalized modifier before a lower-case word is a nationality or a name ("Iraqi troops", "Warsaw Pact nations").
            if (char.IsUpper(word[0]) && nextIsWord)
            {
                int m = k + 1;
                while (m < _end && m < k + 4 && _t[m].Kind == TokenKind.Word && char.IsUpper(Word(m)[0])) m++;
                if (m < _end && _t[m].Kind == TokenKind.Word && char.IsLower(Word(m)[0]) && _lexicon.Get(Word(m)).Kind != NumberWordKind.Stop)
                {
                    k = m - 1;
                    continue;
                }
            }
            // The first half of a hyphenated compound modifies what follows ("US-backed", "pro-government").
            if (Joined(k) && Is(k + 1, "-")) continue;
            // "-ed"/"-ing" words in front of another word are participle modifiers ("wounded soldiers").
            if (nextIsWord && (word.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ing", StringComparison.OrdinalIgnoreCase))
                && char.IsLower(word[0]) && k + 1 < j + 4) continue;
            if (char.IsUpper(word[0]) && k == j && !nextIsWord && word.Length > 1 && char.IsUpper(word[1])) return null;  // an acronym is rarely counted
            // A lower-case "-ed" word with no noun after it is the verb of a figure standing alone ("12,000 evacuated").
            if (!nextIsWord && char.IsLower(word[0]) && word.EndsWith("ed", StringComparison.OrdinalIgnoreCase)) return null;
            return _lexicon.Lemmatize(word);
        }
        return null;
    }
}
