namespace Sitrep.Extraction.Time;

/// <summary>The word classes the temporal grammar is written over; one lookup per token decides which rules can start there.</summary>
internal enum TimeWord : byte
{
    None,
    /// <summary>An integer in digits; Value = the number, Extra = its digit count.</summary>
    Digits,
    /// <summary>"1990s", "'90s": Value = the decade's first three digits (199).</summary>
    Decade,
    Month,
    Weekday,
    /// <summary>Value = <see cref="TimeUnit"/>, Extra = 1 when plural.</summary>
    Unit,
    /// <summary>A number in words: Value = the number ("two", "a"), -1 for vague amounts ("several", "few").</summary>
    NumberWord,
    /// <summary>"first", "3rd", "last": Value = the rank (-1 for "last").</summary>
    Ordinal,
    /// <summary>today (0), yesterday (-1), tomorrow (1), tonight (0, Extra = 1).</summary>
    Deictic,
    /// <summary>last/previous (-1), this/current (0), next/coming/following (1), past (-2: a duration ending now).</summary>
    Relative,
    /// <summary>early/earlier (START), late/later (END), mid (MID): Value = <see cref="TimeMod"/>.</summary>
    Mod,
    /// <summary>Direction words after an amount: ago/earlier/before (-1), later/hence (1).</summary>
    Direction,
    /// <summary>Value = <see cref="PartOfDay"/>.</summary>
    PartOfDay,
    /// <summary>Value = <see cref="Season"/>.</summary>
    Season,
    /// <summary>daily, weekly, annually: Value = <see cref="TimeUnit"/> of the period.</summary>
    SetAdverb,
    /// <summary>every, each, per.</summary>
    Every,
    /// <summary>now/currently (PRESENT_REF 0), recently/lately (PAST_REF -1), soon (FUTURE_REF 1): Value = reference.</summary>
    Reference,
    /// <summary>Words that can precede a duration and become its mod (about, nearly, over): Value = <see cref="TimeMod"/>.</summary>
    Approx,
    /// <summary>a.m./p.m.: Value 0 or 12.</summary>
    Meridiem,
    /// <summary>Function words the grammar reads: the, of, in, on, from, ',' and '-' (Value = <see cref="Glue"/>).</summary>
    Glue,
    /// <summary>"half" (for "first half"), Value 2.</summary>
    Half,
    /// <summary>fiscal.</summary>
    Fiscal,
    /// <summary>A date written in digits as one token ("2016-10-27", "10/27/2016"): Value = yyyymmdd.</summary>
    NumericDate,
    /// <summary>"10:30" as one token: Value = hour * 100 + minute.</summary>
    Clock,
    /// <summary>A holiday name: Value = <see cref="Holiday"/>.</summary>
    Holiday,
    /// <summary>past/future as nouns after "the" ("the past", "the future"), recent/current as adjectives.</summary>
    RefAdjective,
}

internal enum TimeUnit : byte { None, Second, Minute, Hour, Day, Week, Weekend, Month, Quarter, Year, Decade, Century }

internal enum TimeMod : byte { None, Start, Mid, End, Approx, MoreThan, LessThan, EqualOrMore, EqualOrLess }

internal enum PartOfDay : byte { None, Morning, Afternoon, Evening, Night, Noon, Midnight }

internal enum Holiday : byte { None, Christmas, Halloween, Thanksgiving, Easter, NewYear, Valentine, Independence }

internal enum Season : byte { None, Spring, Summer, Fall, Winter }

internal enum Glue : byte { None, The, Of, In, On, From, Comma, Hyphen, And, At, Day, Period, Possessive, These, New }

/// <summary>A token's class. <c>Mid</c> marks a "mid-" prefix the tokenizer kept on the word ("mid-1996", "mid-afternoon").</summary>
internal readonly record struct TimeLex(TimeWord Kind, int Value = 0, int Extra = 0, bool Mid = false);

/// <summary>
/// English words of the temporal grammar, looked up case-insensitively through a span so no token is copied.
/// Built once per <see cref="TimeTagger"/>; read-only afterwards, so one instance serves every thread.
/// </summary>
public sealed class TimeLexicon
{
    private readonly Dictionary<string, TimeLex> _words;
    private readonly Dictionary<string, TimeLex>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private TimeLexicon(Dictionary<string, TimeLex> words)
    {
        _words = words;
        _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal bool TryGet(ReadOnlySpan<char> word, out TimeLex lex) => _lookup.TryGetValue(word, out lex);

    public int Count => _words.Count;

    public static TimeLexicon English()
    {
        var w = new Dictionary<string, TimeLex>(StringComparer.OrdinalIgnoreCase);
        void Add(TimeWord kind, int value, int extra, params string[] words)
        {
            foreach (var word in words) w[word] = new TimeLex(kind, value, extra);
        }

        string[][] months =
        [
            ["january", "jan", "jan."], ["february", "feb", "feb."], ["march", "mar", "mar."], ["april", "apr", "apr."],
            ["may"], ["june", "jun", "jun."], ["july", "jul", "jul."], ["august", "aug", "aug."],
            ["september", "sep", "sep.", "sept", "sept."], ["october", "oct", "oct."], ["november", "nov", "nov."], ["december", "dec", "dec."],
        ];
        for (int m = 0; m < 12; m++) Add(TimeWord.Month, m + 1, 0, months[m]);
        // ISO weekday numbers (Monday = 1) because TIMEX3 week values use them (XXXX-WXX-2).
        string[][] days =
        [
            ["monday", "mon", "mon."], ["tuesday", "tue", "tue.", "tues", "tues."], ["wednesday", "wed", "wed."],
            ["thursday", "thu", "thu.", "thur", "thur.", "thurs", "thurs."], ["friday", "fri", "fri."],
            ["saturday", "sat", "sat."], ["sunday", "sun", "sun."],
        ];
        for (int d = 0; d < 7; d++) Add(TimeWord.Weekday, d + 1, 0, days[d]);

        void Unit(TimeUnit unit, string singular, string plural)
        {
            w[singular] = new TimeLex(TimeWord.Unit, (int)unit, 0);
            w[plural] = new TimeLex(TimeWord.Unit, (int)unit, 1);
        }
        Unit(TimeUnit.Second, "second", "seconds");
        Unit(TimeUnit.Minute, "minute", "minutes");
        Unit(TimeUnit.Hour, "hour", "hours");
        Unit(TimeUnit.Day, "day", "days");
        Unit(TimeUnit.Week, "week", "weeks");
        Unit(TimeUnit.Weekend, "weekend", "weekends");
        Unit(TimeUnit.Month, "month", "months");
        Unit(TimeUnit.Quarter, "quarter", "quarters");
        Unit(TimeUnit.Year, "year", "years");
        Unit(TimeUnit.Decade, "decade", "decades");
        Unit(TimeUnit.Century, "century", "centuries");
        w["yr"] = new TimeLex(TimeWord.Unit, (int)TimeUnit.Year, 0);
        w["yrs"] = new TimeLex(TimeWord.Unit, (int)TimeUnit.Year, 1);
        w["hrs"] = new TimeLex(TimeWord.Unit, (int)TimeUnit.Hour, 1);
        w["mins"] = new TimeLex(TimeWord.Unit, (int)TimeUnit.Minute, 1);

        string[] ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (int i = 0; i < ones.Length; i++) Add(TimeWord.NumberWord, i, 0, ones[i]);
        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (int i = 0; i < tens.Length; i++) Add(TimeWord.NumberWord, (i + 2) * 10, 0, tens[i]);
        Add(TimeWord.NumberWord, 100, 0, "hundred");
        Add(TimeWord.NumberWord, 1, 0, "a", "an");
        Add(TimeWord.NumberWord, 2, 0, "couple");
        Add(TimeWord.NumberWord, 12, 0, "dozen");
        Add(TimeWord.NumberWord, -1, 0, "several", "few", "many");

        string[] ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];
        for (int i = 0; i < ordinals.Length; i++) Add(TimeWord.Ordinal, i + 1, 0, ordinals[i]);
        w["second"] = new TimeLex(TimeWord.Unit, (int)TimeUnit.Second, 0);  // the unit reading; the grammar also accepts it as an ordinal

        Add(TimeWord.Deictic, 0, 0, "today");
        Add(TimeWord.Deictic, -1, 0, "yesterday");
        Add(TimeWord.Deictic, 1, 0, "tomorrow");
        Add(TimeWord.Deictic, 0, 1, "tonight");

        Add(TimeWord.Relative, -1, 0, "last", "previous", "prior", "latest");
        Add(TimeWord.Relative, 0, 0, "this", "current");
        Add(TimeWord.Relative, 1, 0, "next", "coming", "following");
        Add(TimeWord.Relative, -2, 0, "past");

        Add(TimeWord.Mod, (int)TimeMod.Start, 0, "early", "earlier");
        Add(TimeWord.Mod, (int)TimeMod.End, 0, "late", "later");
        Add(TimeWord.Mod, (int)TimeMod.Mid, 0, "mid");

        Add(TimeWord.Direction, -1, 0, "ago", "before");
        Add(TimeWord.Direction, 1, 0, "hence");

        Add(TimeWord.PartOfDay, (int)PartOfDay.Morning, 0, "morning");
        Add(TimeWord.PartOfDay, (int)PartOfDay.Afternoon, 0, "afternoon");
        Add(TimeWord.PartOfDay, (int)PartOfDay.Evening, 0, "evening");
        Add(TimeWord.PartOfDay, (int)PartOfDay.Night, 0, "night");
        Add(TimeWord.PartOfDay, (int)PartOfDay.Noon, 0, "noon", "midday");
        Add(TimeWord.PartOfDay, (int)PartOfDay.Midnight, 0, "midnight");

        Add(TimeWord.Season, (int)Season.Spring, 0, "spring");
        Add(TimeWord.Season, (int)Season.Summer, 0, "summer");
        Add(TimeWord.Season, (int)Season.Fall, 0, "fall", "autumn");
        Add(TimeWord.Season, (int)Season.Winter, 0, "winter");

        Add(TimeWord.SetAdverb, (int)TimeUnit.Day, 0, "daily");
        Add(TimeWord.SetAdverb, (int)TimeUnit.Week, 0, "weekly");
        Add(TimeWord.SetAdverb, (int)TimeUnit.Month, 0, "monthly");
        Add(TimeWord.SetAdverb, (int)TimeUnit.Year, 0, "annually", "yearly");
        Add(TimeWord.SetAdverb, (int)TimeUnit.Hour, 0, "hourly");
        // "per" is left out: "instructions per second" is a rate of something else, not a set of times.
        Add(TimeWord.Every, 0, 0, "every", "each");

        Add(TimeWord.Reference, 0, 0, "now", "currently", "nowadays", "presently");
        Add(TimeWord.Reference, -1, 0, "recently", "lately");
        // "soon" is left out: TimeBank marks it less often than not, and it says little about when.
        Add(TimeWord.RefAdjective, -1, 0, "recent");
        Add(TimeWord.RefAdjective, 1, 0, "future");

        Add(TimeWord.Approx, (int)TimeMod.Approx, 0, "about", "around", "approximately", "roughly", "some");
        Add(TimeWord.Approx, (int)TimeMod.LessThan, 0, "nearly", "almost", "under");
        Add(TimeWord.Approx, (int)TimeMod.MoreThan, 0, "over", "more");
        Add(TimeWord.Approx, (int)TimeMod.LessThan, 0, "less", "fewer");
        // "up to" and "at most/least" are read as two-word phrases by the grammar.
        Add(TimeWord.Approx, (int)TimeMod.EqualOrLess, 0, "up");

        Add(TimeWord.Meridiem, 0, 0, "a.m.", "am", "a.m");
        Add(TimeWord.Meridiem, 12, 0, "p.m.", "pm", "p.m");
        Add(TimeWord.Holiday, (int)Holiday.Christmas, 0, "christmas");
        Add(TimeWord.Holiday, (int)Holiday.Halloween, 0, "halloween");
        Add(TimeWord.Holiday, (int)Holiday.Thanksgiving, 0, "thanksgiving");
        Add(TimeWord.Holiday, (int)Holiday.Easter, 0, "easter");
        // "New Year's Day", "Valentine's Day", "Independence Day" are read from their first word by the grammar.
        Add(TimeWord.Holiday, (int)Holiday.Valentine, 0, "valentine");
        Add(TimeWord.Holiday, (int)Holiday.Independence, 0, "independence");
        Add(TimeWord.Half, 2, 0, "half");
        Add(TimeWord.Fiscal, 0, 0, "fiscal");

        Add(TimeWord.Glue, (int)Glue.The, 0, "the");
        Add(TimeWord.Glue, (int)Glue.Of, 0, "of");
        Add(TimeWord.Glue, (int)Glue.In, 0, "in");
        Add(TimeWord.Glue, (int)Glue.On, 0, "on");
        Add(TimeWord.Glue, (int)Glue.From, 0, "from");
        Add(TimeWord.Glue, (int)Glue.Comma, 0, ",");
        Add(TimeWord.Glue, (int)Glue.Hyphen, 0, "-", "\u2013");
        Add(TimeWord.Glue, (int)Glue.And, 0, "and");
        Add(TimeWord.Glue, (int)Glue.At, 0, "at");
        Add(TimeWord.Glue, (int)Glue.Possessive, 0, "'s");
        Add(TimeWord.Glue, (int)Glue.These, 0, "these");  // "these days"
        Add(TimeWord.Glue, (int)Glue.New, 0, "new");  // "New Year's Day"
        return new TimeLexicon(w);
    }
}
