using System.Globalization;
using static Sitrep.Extraction.Time.TimexValues;

namespace Sitrep.Extraction.Time;

internal enum Tense : byte { None, Past, Present, Future }

/// <summary>One document's scan: the tokens, their classes, the anchor and the quarter last mentioned.</summary>
internal ref struct TimeScan
{
    private readonly Document _doc;
    private readonly string _text;
    private readonly ReadOnlySpan<TokenData> _t;
    private readonly ReadOnlySpan<TimeLex> _l;
    private readonly DateTime? _dct;
    private int _start, _end;
    // Financial news says "the quarter" for the quarter it last named ("third-quarter profit … in the quarter").
    private int _quarterYear, _quarter;

    public TimeScan(Document doc, ReadOnlySpan<TokenData> tokens, ReadOnlySpan<TimeLex> classes, DateTime? dct)
    {
        _doc = doc;
        _text = doc.Text;
        _t = tokens;
        _l = classes;
        _dct = dct;
    }

    private struct Hit
    {
        public int End;
        public TimeType Type;
        public string? Value;
        public string? Mod;
        /// <summary>The expression counts an amount of units ("two years", "a year ago"): an approximator may precede it.</summary>
        public bool Amount;
        /// <summary>TimeBank leaves a preceding "the" out of this expression ("the [two-week]", "the [current]", "the [weeks]").</summary>
        public bool NoThe;
    }

    public void Range(int start, int end)
    {
        _start = start;
        _end = end;
        int i = start;
        while (i < end)
        {
            if (_l[i].Kind != TimeWord.None && TryAt(i, out var hit))
            {
                Add(i, hit);
                i = hit.End;
            }
            else i++;
        }
    }

    private readonly void Add(int first, in Hit hit)
    {
        int start = _t[first].Start, end = _t[hit.End - 1].End;
        _doc.Times.Add(new TimeExpression
        {
            Id = "t" + (_doc.Times.Count + 1).ToString(CultureInfo.InvariantCulture),
            Text = _text.Substring(start, end - start),
            Start = start,
            End = end,
            Type = hit.Type,
            Value = hit.Value,
            Mod = hit.Mod,
        });
    }

    // ---- token helpers ----

    private readonly TimeWord Kind(int i) => i >= _start && i < _end ? _l[i].Kind : TimeWord.None;
    private readonly int Val(int i) => _l[i].Value;
    private readonly bool IsGlue(int i, Glue glue) => i >= _start && i < _end && _l[i].Kind == TimeWord.Glue && _l[i].Value == (int)glue;
    private readonly ReadOnlySpan<char> Word(int i) => _t[i].Norm is { } n ? n.AsSpan() : _text.AsSpan(_t[i].Start, _t[i].Length);
    private readonly bool Is(int i, string word) => i >= _start && i < _end && Word(i).Equals(word, StringComparison.OrdinalIgnoreCase);
    private readonly bool Capitalized(int i) => char.IsUpper(_text[_t[i].Start + (_l[i].Mid ? 4 : 0)]);
    /// <summary>True when nothing separates token i from token i + 1 ("two-year").</summary>
    private readonly bool Joined(int i) => i + 1 < _end && _t[i].End == _t[i + 1].Start;
    private readonly bool IsUnit(int i, out TimeUnit unit, out bool plural)
    {
        bool ok = Kind(i) == TimeWord.Unit;
        unit = ok ? (TimeUnit)_l[i].Value : TimeUnit.None;
        plural = ok && _l[i].Extra == 1;
        return ok;
    }
    private readonly bool IsYear(int i) => Kind(i) == TimeWord.Digits && _l[i].Extra == 4 && _l[i].Value is >= 1000 and <= 2999;
    private readonly bool IsDayNumber(int i, out int day)
    {
        day = i < _end ? _l[i].Value : 0;
        return (Kind(i) == TimeWord.Digits && _l[i].Extra <= 2 || Kind(i) == TimeWord.Ordinal && char.IsAsciiDigit(Word(i)[0])) && day is >= 1 and <= 31;
    }
    private readonly string? MidMod(int i) => _l[i].Mid ? "MID" : null;

    // ---- dispatch ----

    private bool TryAt(int i, out Hit hit)
    {
        var lex = _l[i];
        if (Is(i, "these") && IsUnit(i + 1, out var theseUnit, out bool thesePlural) && theseUnit == TimeUnit.Day && thesePlural)
        {
            hit = Ref(i + 2, "PRESENT_REF");  // "these days"
            return true;
        }
        if (Is(i, "New") && Is(i + 1, "Year") && IsGlue(i + 2, Glue.Possessive) && (Is(i + 3, "Day") || Is(i + 3, "Eve")) && _dct is { } ny)
        {
            bool eve = Is(i + 3, "Eve");
            int year = eve ? ny.Year - (ny.Month == 1 ? 1 : 0) : ny.Year + (ny.Month >= 7 && TenseAt(i) == Tense.Future ? 1 : 0);
            hit = Date(i + 4, eve ? YMD(year, 12, 31) : YMD(year, 1, 1), null);
            return true;
        }
        switch (lex.Kind)
        {
            case TimeWord.Glue when lex.Value == (int)Glue.The:
                return TryThe(i, out hit);
            case TimeWord.Glue when lex.Value == (int)Glue.At:
                return TryApprox(i, out hit);
            case TimeWord.Mod:
                return TryModified(i, out hit) || TryCore(i, false, out hit);
            case TimeWord.Approx:
                return TryApprox(i, out hit);
            default:
                return TryCore(i, false, out hit);
        }
    }

    /// <summary>"the" joins the expressions that take it in TimeBank: "the third quarter", "the past two months", "the year", "the 1990s", "the future".</summary>
    private bool TryThe(int i, out Hit hit)
    {
        hit = default;
        int j = i + 1;
        var kind = Kind(j);
        switch (kind)
        {
            case TimeWord.Relative when Val(j) == -2 && !IsNumberAt(j + 1) && Kind(j + 1) != TimeWord.Unit:
                hit = Ref(j + 1, "PAST_REF");
                return true;
            case TimeWord.RefAdjective when Val(j) == 1:
                hit = Ref(j + 1, "FUTURE_REF");
                return true;
            case TimeWord.Digits when IsYear(j) && (Is(j + 1, "period") || Is(j + 1, "quarter") || Kind(j + 1) is TimeWord.Ordinal or TimeWord.Unit && IsQuarterAt(j + 1)):
            {
                // "the 1988 period", "the 1988 quarter", "the 1988 third quarter": the quarter of that year the story is about.
                int year = Val(j);
                bool single = Is(j + 1, "period") || Is(j + 1, "quarter");
                int q = single ? _quarter : Kind(j + 1) == TimeWord.Ordinal ? Val(j + 1) : 2;
                int end = single ? j + 2 : j + 3;
                hit = Date(end, q is >= 1 and <= 4 ? Four(year) + "-Q" + q.ToString(CultureInfo.InvariantCulture) : Four(year), null);
                return true;
            }
            case TimeWord.Relative or TimeWord.Ordinal or TimeWord.NumberWord or TimeWord.Digits or TimeWord.Unit
                or TimeWord.Decade or TimeWord.Mod or TimeWord.Fiscal or TimeWord.Season:
                if (kind == TimeWord.Mod ? TryModified(j, out hit) : TryCore(j, true, out hit))
                {
                    if (hit.NoThe) return false;
                    // A bare year after "the" is a modifier ("the 1990 budget"): leave "the" out.
                    return !(kind == TimeWord.Digits && hit.Type == TimeType.DATE && !hit.Amount && kind != TimeWord.Decade);
                }
                return false;
            default:
                if (Is(j, "full") && IsUnit(j + 1, out var fullUnit, out bool fullPlural) && fullUnit == TimeUnit.Year && !fullPlural)
                {
                    hit = Date(j + 2, Shift(TimeUnit.Year, 0), null);
                    return true;
                }
                if (Is(j, "near") && Kind(j + 1) == TimeWord.RefAdjective && Val(j + 1) == 1)
                {
                    hit = Ref(j + 2, "FUTURE_REF");
                    return true;
                }
                return TryPart(i, out hit);
        }
    }

    /// <summary>"the beginning/end/middle of X".</summary>
    private bool TryPart(int i, out Hit hit)
    {
        hit = default;
        int j = i + 1;
        string? mod = Is(j, "beginning") || Is(j, "start") ? "START" : Is(j, "end") ? "END" : Is(j, "middle") ? "MID" : null;
        if (mod is null || !IsGlue(j + 1, Glue.Of)) return false;
        int k = j + 2;
        bool ok = IsGlue(k, Glue.The) ? TryThe(k, out hit) : Kind(k) != TimeWord.None && TryCore(k, false, out hit);
        if (!ok || hit.Type == TimeType.DURATION || IsRef(hit)) return false;
        hit.Mod = mod;
        return true;
    }

    /// <summary>early/earlier → START, late/later → END, mid → MID before a date: "earlier this month", "Earlier in the year", "late November".</summary>
    private bool TryModified(int i, out Hit hit)
    {
        hit = default;
        var mod = (TimeMod)Val(i);
        int j = i + 1;
        if (mod == TimeMod.Mid && IsGlue(j, Glue.Hyphen)) j++;
        if (IsGlue(j, Glue.In)) j++;
        if (j >= _end) return false;
        bool ok = IsGlue(j, Glue.The) ? TryThe(j, out hit) : Kind(j) is not (TimeWord.None or TimeWord.Glue or TimeWord.Mod) && TryCore(j, false, out hit);
        if (!ok || hit.Type == TimeType.DURATION && !IsRelative(j) || hit.Type == TimeType.SET || IsRef(hit))
            return false;
        hit.Mod = mod switch { TimeMod.Start => "START", TimeMod.End => "END", _ => "MID" };
        return true;
    }

    private static bool IsRef(in Hit hit) => hit.Value is { } v && v.EndsWith("_REF", StringComparison.Ordinal);

    /// <summary>"third quarter", "second quarter" at j.</summary>
    private readonly bool IsQuarterAt(int j) =>
        (Kind(j) == TimeWord.Ordinal && Val(j) is >= 1 and <= 4 || Is(j, "second")) && IsUnit(j + 1, out var u, out bool p) && u == TimeUnit.Quarter && !p;

    private readonly bool IsRelative(int j) => Kind(j) == TimeWord.Relative;

    /// <summary>about/nearly/more than/at least/up to before an amount: "nearly two years", "more than a decade ago".</summary>
    private bool TryApprox(int i, out Hit hit)
    {
        hit = default;
        int j = i + 1;
        string mod;
        if (Kind(i) == TimeWord.Glue)
        {
            if (Is(j, "least")) mod = "EQUAL_OR_MORE";
            else if (Is(j, "most")) mod = "EQUAL_OR_LESS";
            else return false;
            j++;
        }
        else
        {
            var value = (TimeMod)Val(i);
            var word = Word(i);
            if (word.Equals("more", StringComparison.OrdinalIgnoreCase) || word.Equals("less", StringComparison.OrdinalIgnoreCase) || word.Equals("fewer", StringComparison.OrdinalIgnoreCase))
            {
                if (!Is(j, "than")) return false;
                j++;
            }
            else if (word.Equals("up", StringComparison.OrdinalIgnoreCase))
            {
                if (!Is(j, "to")) return false;
                j++;
            }
            else if (word.Equals("nearly", StringComparison.OrdinalIgnoreCase) || word.Equals("almost", StringComparison.OrdinalIgnoreCase))
                value = TimeMod.EqualOrLess;
            mod = value switch
            {
                TimeMod.MoreThan => "MORE_THAN",
                TimeMod.LessThan => "LESS_THAN",
                TimeMod.EqualOrLess => "EQUAL_OR_LESS",
                _ => "APPROX",
            };
        }
        if (j >= _end || !IsNumberAt(j) || !TryCore(j, false, out hit) || !hit.Amount) return false;
        if (hit.Type != TimeType.DURATION) mod = "APPROX";
        hit.Mod = mod;
        return true;
    }

    private readonly bool IsNumberAt(int j) => Kind(j) is TimeWord.Digits or TimeWord.NumberWord && j < _end;

    private bool TryCore(int i, bool afterThe, out Hit hit)
    {
        hit = default;
        switch (_l[i].Kind)
        {
            case TimeWord.Deictic: return Deictic(i, out hit);
            case TimeWord.Reference:
                hit = Ref(i + 1, Val(i) switch { < 0 => "PAST_REF", 0 => "PRESENT_REF", _ => "FUTURE_REF" });
                return true;
            case TimeWord.RefAdjective:
                if (Val(i) < 0 && IsUnit(i + 1, out _, out bool plural) && plural)
                {
                    hit = Ref(i + 2, "PAST_REF");
                    return true;
                }
                // "in future"; bare "recent"/"future" before a noun are marked in TimeBank less often than not.
                if (Val(i) > 0 && IsGlue(i - 1, Glue.In))
                {
                    hit = Ref(i + 1, "FUTURE_REF");
                    return true;
                }
                return false;
            case TimeWord.Weekday: return Weekday(i, out hit);
            case TimeWord.Month: return Month(i, out hit);
            case TimeWord.Digits: return DayMonth(i, out hit) || ClockTime(i, out hit) || Amount(i, out hit) || Year(i, afterThe, out hit);
            case TimeWord.NumberWord: return Amount(i, out hit);
            case TimeWord.Ordinal: return Quarter(i, Val(i), out hit) || OrdinalAmount(i, out hit);
            case TimeWord.Relative: return Relative(i, out hit);
            case TimeWord.Unit: return Is(i, "second") && Quarter(i, 2, out hit) || BareUnit(i, afterThe, out hit);
            case TimeWord.Clock: return ClockTime(i, out hit);
            case TimeWord.Holiday: return HolidayAt(i, 0, out hit);
            case TimeWord.Decade:
                hit = Date(i + 1, (_l[i].Value).ToString("D3", CultureInfo.InvariantCulture), MidMod(i));
                return true;
            case TimeWord.Season: return SeasonAt(i, 0, false, out hit);
            case TimeWord.SetAdverb:
                hit = new Hit { End = i + 1, Type = TimeType.SET, Value = Duration(1, (TimeUnit)Val(i)) };
                return true;
            case TimeWord.Every: return Every(i, out hit);
            case TimeWord.PartOfDay: return PartOfDayAlone(i, out hit);
            case TimeWord.Fiscal: return Fiscal(i, out hit);
            case TimeWord.NumericDate:
            {
                int v = Val(i);
                hit = Date(i + 1, YMD(v / 10000, v / 100 % 100, v % 100), null);
                return true;
            }
            default: return false;
        }
    }

    // ---- rules ----

    private readonly Hit Ref(int end, string value) => new() { End = end, Type = TimeType.DATE, Value = value };
    private static Hit Date(int end, string value, string? mod) => new() { End = end, Type = TimeType.DATE, Value = value, Mod = mod };

    private bool Deictic(int i, out Hit hit)
    {
        int offset = Val(i);
        string day = DayValue(offset);
        if (_l[i].Extra == 1)
        {
            hit = new Hit { End = i + 1, Type = TimeType.TIME, Value = day + "TNI" };
            return true;
        }
        hit = Date(i + 1, day, null);
        WithPartOfDay(ref hit, i + 1, day);
        return true;
    }

    /// <summary>"Tuesday morning", "yesterday afternoon": a date followed by a part of the day becomes a TIME.</summary>
    private readonly void WithPartOfDay(ref Hit hit, int j, string day)
    {
        if (Kind(j) != TimeWord.PartOfDay) return;
        string? part = PartCode((PartOfDay)Val(j));
        if (part is null) return;
        hit = new Hit { End = j + 1, Type = TimeType.TIME, Value = day + part, Mod = hit.Mod };
    }

    private static string? PartCode(PartOfDay part) => part switch
    {
        PartOfDay.Morning => "TMO",
        PartOfDay.Afternoon => "TAF",
        PartOfDay.Evening => "TEV",
        PartOfDay.Night => "TNI",
        PartOfDay.Noon => "T12:00",
        PartOfDay.Midnight => "T24:00",
        _ => null,
    };

    private bool Weekday(int i, out Hit hit)
    {
        hit = default;
        if (!Capitalized(i)) return false;
        var word = Word(i);
        if (word.Length <= 4 && word[^1] != '.') return false;  // "Sun", "Sat", "Wed" are words and papers far more often than days
        int j = i + 1;
        // "Tuesday, Oct. 25": the explicit date wins.
        int k = IsGlue(j, Glue.Comma) ? j + 1 : j;
        if (Kind(k) == TimeWord.Month && Month(k, out hit) && hit.Value is { Length: >= 10 }) return true;
        // "a meeting for Friday", "set for Monday": what a day is booked for lies ahead, whatever the verb's tense.
        bool booked = i > _start && Word(i - 1).Equals("for", StringComparison.OrdinalIgnoreCase);
        string day = WeekdayValue(Val(i), i, booked ? 2 : 0);
        hit = Date(j, day, MidMod(i));
        WithPartOfDay(ref hit, j, day);
        return true;
    }

    /// <summary>The date of a weekday: <paramref name="direction"/> -1 last, +1 next, 2 today or later, 0 by the tense of the sentence.</summary>
    private readonly string WeekdayValue(int weekday, int at, int direction)
    {
        if (_dct is not { } dct) return "XXXX-WXX-" + weekday.ToString(CultureInfo.InvariantCulture);
        int today = ((int)dct.DayOfWeek + 6) % 7 + 1;
        int back = (today - weekday + 7) % 7, forward = (weekday - today + 7) % 7;
        int offset;
        if (direction < 0) offset = -(back == 0 ? 7 : back);
        else if (direction == 2) offset = forward;
        else if (direction > 0) offset = forward == 0 ? 7 : forward;
        else
        {
            var tense = TenseAt(at);
            offset = tense switch
            {
                Tense.Past => -back,
                Tense.Future => forward,
                // No tense, or the present: the nearer of the two ("arrives Friday", "Friday's meeting").
                _ => back <= forward ? -back : forward,
            };
        }
        return Format(dct.AddDays(offset));
    }

    private bool Month(int i, out Hit hit)
    {
        hit = default;
        if (!Capitalized(i)) return false;
        int month = Val(i);
        var word = Word(i);
        int j = i + 1;
        // "Nov 13" is fine; "Mar" or "Dec" alone are more often something else.
        bool bareAbbreviation = word[^1] != '.' && !(word.Length > 4 || month == 5 || month is 6 or 7 && word.Length == 4);
        if (IsDayNumber(j, out int day))
        {
            j++;
            int? year = null;
            int k = IsGlue(j, Glue.Comma) ? j + 1 : j;
            if (IsYear(k)) { year = Val(k); j = k + 1; }
            else if (RelativeYear(j, out int ry, out int used)) { year = ry; j += used; }
            string value = year is { } y ? YMD(y, month, day) : MonthDayValue(month, day, i);
            hit = Date(j, value, MidMod(i));
            WithPartOfDay(ref hit, j, value);
            return true;
        }
        if (bareAbbreviation) return false;
        {
            int k = IsGlue(j, Glue.Comma) || IsGlue(j, Glue.Of) ? j + 1 : j;
            if (IsYear(k))
            {
                hit = Date(k + 1, YM(Val(k), month), MidMod(i));
                return true;
            }
            if (RelativeYear(k, out int ry, out int used))
            {
                hit = Date(k + used, YM(ry, month), MidMod(i));
                return true;
            }
        }
        // "May" alone is the verb far more often than the month; the others need no context.
        if (month == 5 && !(i > _start && PrecedesMonth(i - 1))) return false;
        if (i == _start && month == 5) return false;
        if (IsGlue(i - 1, Glue.The) || Is(i - 1, "annual")) return false;  // "the annual March for Life"
        hit = Date(j, MonthValue(month, i, 0), MidMod(i));
        return true;
    }

    private readonly bool PrecedesMonth(int i) =>
        IsGlue(i, Glue.In) || IsGlue(i, Glue.Of) || Is(i, "since") || Is(i, "until") || Is(i, "by") || Is(i, "during") || Is(i, "through")
        || Kind(i) is TimeWord.Relative or TimeWord.Mod;

    /// <summary>"last year", "this year", "of next year" after a month or a day: the year they name.</summary>
    private readonly bool RelativeYear(int j, out int year, out int used)
    {
        year = 0;
        used = 0;
        int k = IsGlue(j, Glue.Of) ? j + 1 : j;
        if (Kind(k) != TimeWord.Relative || Val(k) == -2 || !IsUnit(k + 1, out var unit, out bool plural) || unit != TimeUnit.Year || plural) return false;
        if (_dct is not { } dct) return false;
        year = dct.Year + Val(k);
        used = k + 2 - j;
        return true;
    }

    private readonly string MonthDayValue(int month, int day, int at)
    {
        if (_dct is not { } dct) return "XXXX-" + Two(month) + "-" + Two(day);
        int year = dct.Year;
        // The tense moves the date into another year only when the same-year reading is far on the wrong side:
        // news reports coming events in the past tense ("said the vote is on Dec. 7").
        int diff = new DateTime(year, month, Math.Min(day, DateTime.DaysInMonth(year, month))).Subtract(dct).Days;
        var tense = diff == 0 ? Tense.None : TenseAt(at);
        if (tense == Tense.Past && diff > 60 || tense is Tense.None or Tense.Present && diff > 183) year--;
        else if (tense == Tense.Future && diff < -60 || tense is Tense.None or Tense.Present && diff < -183) year++;
        return YMD(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
    }

    private readonly string MonthValue(int month, int at, int direction)
    {
        if (_dct is not { } dct) return "XXXX-" + Two(month);
        int year = dct.Year;
        if (direction < 0) { if (month >= dct.Month) year--; }
        else if (direction > 0) { if (month <= dct.Month) year++; }
        else if (month != dct.Month)
        {
            var tense = TenseAt(at);
            int diff = month - dct.Month;
            if (tense == Tense.Past && diff > 2 || tense is Tense.None or Tense.Present && diff > 6) year--;
            else if (tense == Tense.Future && diff < -2 || tense is Tense.None or Tense.Present && diff < -6) year++;
        }
        return YM(year, month);
    }

    /// <summary>"13 November 2015", "13th of November".</summary>
    private bool DayMonth(int i, out Hit hit)
    {
        hit = default;
        if (!IsDayNumber(i, out int day)) return false;
        int j = i + 1;
        if (IsGlue(j, Glue.Of) && Kind(i) == TimeWord.Ordinal) j++;
        if (Kind(j) != TimeWord.Month || !Capitalized(j)) return false;
        int month = Val(j);
        j++;
        string value;
        if (IsYear(j)) { value = YMD(Val(j), month, day); j++; }
        else if (RelativeYear(j, out int ry, out int used)) { value = YMD(ry, month, day); j += used; }
        else value = MonthDayValue(month, day, i);
        hit = Date(j, value, null);
        return true;
    }

    /// <summary>"10 a.m.", "3:30 p.m. Tuesday", "10:30 GMT".</summary>
    private bool ClockTime(int i, out Hit hit)
    {
        hit = default;
        int hour, minute = 0;
        int j = i + 1;
        if (Kind(i) == TimeWord.Digits && _l[i].Extra <= 2 && Val(i) is >= 1 and <= 12 && Kind(j) == TimeWord.Meridiem)
            hour = Val(i);
        else if (Kind(i) == TimeWord.Clock)
        {
            hour = Val(i) / 100;
            minute = Val(i) % 100;
            // "10:30" alone may be a score or a verse; with a.m./p.m. or after "at" it is a time.
            if (Kind(j) != TimeWord.Meridiem && !IsGlue(i - 1, Glue.At)) return false;
        }
        else return false;
        if (Kind(j) == TimeWord.Meridiem)
        {
            if (hour > 12) return false;
            hour = hour % 12 + Val(j);
            j++;
        }
        hit = TimeOfDay(i, j, hour, minute);
        return true;
    }

    private static bool IsTimeZone(ReadOnlySpan<char> w) =>
        w is "EST" or "EDT" or "CST" or "CDT" or "MST" or "MDT" or "PST" or "PDT" or "GMT" or "UTC" or "BST" or "CET" or "CEST" or "ET" or "PT";

    private Hit TimeOfDay(int i, int j, int hour, int minute)
    {
        string clock = "T" + Two(hour) + ":" + Two(minute);
        // A time zone after the clock ("5 p.m. EST", "0735 GMT") belongs to the expression; the value stays local time.
        if (j < _end && IsTimeZone(Word(j))) j++;
        int k = IsGlue(j, Glue.On) || IsGlue(j, Glue.Comma) ? j + 1 : j;
        string day;
        if (Kind(k) == TimeWord.Month && Month(k, out var date) && date.Value is { Length: 10 } dayValue) { day = dayValue; j = date.End; }
        else if (Kind(k) == TimeWord.Deictic && _l[k].Extra == 0) { day = DayValue(Val(k)); j = k + 1; }
        else if (Kind(k) == TimeWord.Weekday && Capitalized(k)) { day = WeekdayValue(Val(k), k, 0); j = k + 1; }
        else day = DayValue(0);
        return new Hit { End = j, Type = TimeType.TIME, Value = day + clock };
    }

    private bool Year(int i, bool afterThe, out Hit hit)
    {
        hit = default;
        if (!IsYear(i)) return false;
        int year = Val(i);
        if (_t[i].Start > 0 && _text[_t[i].Start - 1] is '$' or '#' || i > _start && Is(i - 1, "$")) return false;
        if (Is(i + 1, "%") || Is(i + 1, "percent") || IsGlue(i + 1, Glue.Comma) && IsNumberAt(i + 2) && !IsYear(i + 2) || IsGlue(i - 1, Glue.Comma) && i - 1 > _start && Kind(i - 2) == TimeWord.Digits && !IsYear(i - 2)) return false;
        if (year < 1900 || year > 2099)
        {
            // Older years only where a preposition makes the reading plain ("in 1848", "since 1776").
            if (i == _start || !(IsGlue(i - 1, Glue.In) || Is(i - 1, "since") || Is(i - 1, "until") || IsGlue(i - 1, Glue.Of) || IsGlue(i - 1, Glue.From))) return false;
        }
        _ = afterThe;
        hit = Date(i + 1, Four(year), MidMod(i));
        return true;
    }

    /// <summary>"two years", "a week", "16-hour", "three days ago", "a year earlier", "several years ago".</summary>
    private bool Amount(int i, out Hit hit)
    {
        hit = default;
        if (!ReadNumber(i, out int n, out int j)) return false;
        if (IsYear(i) && !Is(j, "-") && !(IsUnit(j, out _, out bool yearsPlural) && yearsPlural)) return false;  // "1988 quarter" is a year
        bool hyphenated = false;
        if (IsGlue(j, Glue.Hyphen) && Joined(j - 1) && Joined(j)) { j++; hyphenated = true; }
        else if ((Is(j, "more") || Is(j, "additional") || Is(j, "full") || Is(j, "straight")) && Kind(j + 1) == TimeWord.Unit) j++;  // "two more weeks"
        if (!IsUnit(j, out var unit, out bool plural)) return false;
        // "one year" or "a year", "two years"; a singular after a larger number is a compound modifier ("a two-year plan").
        if (n == 1 && plural) return false;
        bool article = Is(i, "a") || Is(i, "an");
        // "24 hours a day", "four flights a week" are rates; "a second" is the ordinal; "three-quarters" a fraction.
        // "a year earlier" after a figure is still a date; without the direction word it is a rate.
        bool rate = article && i > _start && (_t[i - 1].Kind == TokenKind.Number || IsRateWord(i - 1)) && !Direction(j + 1, out _, out _);
        if (rate || article && unit == TimeUnit.Second || hyphenated && plural) return false;
        if (unit == TimeUnit.Quarter && article && IsGlue(j + 1, Glue.Of)) return false;  // "a quarter of the market" is a fraction
        j++;
        // "6-year-old", "37 years old" are ages.
        if (Is(j, "old") || IsGlue(j, Glue.Hyphen) && Is(j + 1, "old")) return false;
        if (Direction(j, out int direction, out int used))
        {
            string value = n < 0 ? (direction < 0 ? "PAST_REF" : "FUTURE_REF")
                : unit == TimeUnit.Year && n == 1 && direction < 0 && _quarter != 0 ? QuarterAYearBefore() : Shift(unit, n * direction);
            hit = new Hit { End = j + used, Type = TimeType.DATE, Value = value, Amount = true };
            return true;
        }
        // "months away", "two weeks away": the distance to an event is a duration; "away" belongs to it.
        if (Is(j, "away")) j++;
        hit = new Hit { End = j, Type = TimeType.DURATION, Value = Duration(n, unit), Amount = true, NoThe = hyphenated };
        return true;
    }

    /// <summary>A number in digits or words at i: its value (-1 for "several", "a few") and the index after it.</summary>
    private readonly bool ReadNumber(int i, out int n, out int next)
    {
        n = 0;
        next = i + 1;
        if (Kind(i) == TimeWord.Digits)
        {
            if (_l[i].Extra > 4) return false;
            n = Val(i);
            return n > 0;
        }
        if (Kind(i) != TimeWord.NumberWord) return false;
        n = Val(i);
        var word = Word(i);
        bool article = word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase);
        if (article && Kind(next) == TimeWord.NumberWord && (Is(next, "few") || Is(next, "couple") || Is(next, "dozen")))
        {
            // "a few", "a couple of", "a dozen"
            n = Val(next);
            next++;
            if (IsGlue(next, Glue.Of)) next++;
            return true;
        }
        if (n >= 20 && n % 10 == 0 && n < 100 && IsGlue(next, Glue.Hyphen) && Joined(i) && Kind(next + 1) == TimeWord.NumberWord && Val(next + 1) is > 0 and < 10)
        {
            n += Val(next + 1);
            next += 2;
        }
        else if (n >= 20 && n % 10 == 0 && n < 100 && Kind(next) == TimeWord.NumberWord && Val(next) is > 0 and < 10 && !Is(next, "a") && !Is(next, "an"))
        {
            n += Val(next);  // "twenty four hours"
            next++;
        }
        if (n > 0 && n < 100 && Is(next, "hundred")) { n *= 100; next++; }
        return n != 0;
    }

    /// <summary>ago/before/hence, earlier/later, from now after an amount.</summary>
    private readonly bool Direction(int j, out int direction, out int used)
    {
        direction = 0;
        used = 1;
        if (Kind(j) == TimeWord.Direction)
        {
            direction = Val(j);
            // "two days before the vote" is a duration before an event, not a date.
            if (Is(j, "before") && j + 1 < _end && !IsPunctuation(j + 1)) return false;
            return true;
        }
        if (Is(j, "earlier")) { direction = -1; return true; }
        if (Is(j, "later")) { direction = 1; return true; }
        if (IsGlue(j, Glue.From) && Is(j + 1, "now")) { direction = 1; used = 2; return true; }
        return false;
    }

    /// <summary>Words before "a year" that make it a rate ("$2 million a year", "twice a week", "10% a year").</summary>
    private readonly bool IsRateWord(int i) =>
        Is(i, "times") || Is(i, "twice") || Is(i, "once") || Is(i, "million") || Is(i, "billion") || Is(i, "thousand") || Is(i, "%") || Is(i, "percent");

    private readonly bool IsPunctuation(int i) => _t[i].Kind == TokenKind.Punctuation;

    /// <summary>"the first nine months": the ordinal only picks which months.</summary>
    private bool OrdinalAmount(int i, out Hit hit)
    {
        hit = default;
        if (!(Val(i) == 1 || Is(i, "last")) || !IsNumberAt(i + 1)) return false;
        if (!Amount(i + 1, out hit) || hit.Type != TimeType.DURATION) return false;
        return true;
    }

    /// <summary>"third-quarter", "the fourth quarter of 1989", "the first half".</summary>
    private bool Quarter(int i, int q, out Hit hit)
    {
        hit = default;
        int j = i + 1;
        bool hyphenated = IsGlue(j, Glue.Hyphen) && Joined(i);
        if (hyphenated) j++;
        char part;
        if (IsUnit(j, out var unit, out bool plural) && unit == TimeUnit.Quarter && !plural && q is >= 1 and <= 4) part = 'Q';
        else if (Kind(j) == TimeWord.Half && q is 1 or 2) part = 'H';
        else return false;
        j++;
        int? year = null;
        int k = IsGlue(j, Glue.Of) ? j + 1 : j;
        if (IsYear(k)) { year = Val(k); j = k + 1; }
        else if (RelativeYear(j, out int ry, out int used)) { year = ry; j += used; }
        else if (_dct is { } dct)
        {
            year = dct.Year;
            int current = part == 'Q' ? (dct.Month - 1) / 3 + 1 : (dct.Month - 1) / 6 + 1;
            if (q > current && TenseAt(i) == Tense.Past) year--;
        }
        if (part == 'Q' && year is { } qy) { _quarterYear = qy; _quarter = q; }
        hit = Date(j, (year is { } y ? Four(y) : "XXXX") + "-" + part + q.ToString(CultureInfo.InvariantCulture), null);
        hit.NoThe = hyphenated;  // "the [third-quarter] results"
        return true;
    }

    /// <summary>last/this/next/past + unit, weekday, month, season or part of the day; and "the past two months".</summary>
    private bool Relative(int i, out Hit hit)
    {
        hit = default;
        int r = Val(i);
        int j = i + 1;
        if (j >= _end) return false;
        if (IsNumberAt(j))
        {
            if (!Amount(j, out hit) || hit.Type != TimeType.DURATION) return false;
            return true;
        }
        if (Kind(j) == TimeWord.Fiscal && IsUnit(j + 1, out var fu, out bool fp) && fu == TimeUnit.Year && !fp)
        {
            hit = Date(j + 2, _dct is { } d ? Four(d.Year + (r == -2 ? 0 : r)) : "XXXX", null);
            return true;
        }
        if (IsUnit(j, out var unit, out bool plural))
        {
            if (plural)
            {
                // "in coming months" points at the future; "the last/next two years" were read above as amounts.
                hit = Is(i, "coming") ? Ref(j + 1, "FUTURE_REF") : new Hit { End = j + 1, Type = TimeType.DURATION, Value = Duration(-1, unit) };
                return true;
            }
            if (r == -2)
            {
                hit = new Hit { End = j + 1, Type = TimeType.DURATION, Value = Duration(1, unit) };
                return true;
            }
            if (unit is TimeUnit.Day or TimeUnit.Hour or TimeUnit.Minute or TimeUnit.Second) return false;  // "next day" follows the story, not the date line
            if (unit == TimeUnit.Quarter && r != 0 && Is(i, "latest") && _quarter != 0)
            {
                hit = Date(j + 1, Four(_quarterYear) + "-Q" + _quarter.ToString(CultureInfo.InvariantCulture), null);
                return true;
            }
            hit = Date(j + 1, Shift(unit, r), null);
            return true;
        }
        if (r == -2) return false;
        if (Is(i, "latest") && Is(j, "period"))
        {
            // Without a quarter named before, the latest reported period is the last complete quarter.
            hit = Date(j + 1, _quarter != 0 ? Four(_quarterYear) + "-Q" + _quarter.ToString(CultureInfo.InvariantCulture) : Shift(TimeUnit.Quarter, -1), null);
            return true;
        }
        switch (Kind(j))
        {
            case TimeWord.Weekday when Capitalized(j):
            {
                string day = WeekdayValue(Val(j), j, r);
                hit = Date(j + 1, day, null);
                WithPartOfDay(ref hit, j + 1, day);
                return true;
            }
            case TimeWord.Month when Capitalized(j):
                if (IsDayNumber(j + 1, out int dom) && _dct is { } dct)
                {
                    // "last Oct. 23": the most recent Oct. 23 before the publication date; "next May 5" the first after it.
                    int month = Val(j), y = dct.Year;
                    var date = new DateTime(y, month, Math.Min(dom, DateTime.DaysInMonth(y, month)));
                    if (r < 0 && date >= dct) y--;
                    else if (r > 0 && date <= dct) y++;
                    hit = Date(j + 2, YMD(y, month, Math.Min(dom, DateTime.DaysInMonth(y, month))), null);
                    return true;
                }
                hit = Date(j + 1, MonthValue(Val(j), j, r), null);
                return true;
            case TimeWord.Season:
                return SeasonAt(j, r, true, out hit);
            case TimeWord.Holiday:
                return HolidayAt(j, r, out hit);
            case TimeWord.PartOfDay when Val(j) is (int)PartOfDay.Morning or (int)PartOfDay.Afternoon or (int)PartOfDay.Evening or (int)PartOfDay.Night:
            {
                // "last night" is the night before; "this morning" today; "next morning" follows the story.
                if (r > 0 || r < 0 && Val(j) != (int)PartOfDay.Night) return false;
                hit = new Hit { End = j + 1, Type = TimeType.TIME, Value = DayValue(r) + PartCode((PartOfDay)Val(j)) };
                return true;
            }
            default:
                if (Is(i, "current"))
                {
                    // "current market conditions": TimeBank marks the adjective as the present.
                    hit = Ref(i + 1, "PRESENT_REF");
                    hit.NoThe = true;
                    return true;
                }
                return false;
        }
    }

    private readonly bool QuarterInSentence()
    {
        if (_quarter == 0) return false;
        for (int k = _start; k < _end; k++)
            if (_l[k].Kind == TimeWord.Unit && _l[k].Value == (int)TimeUnit.Quarter) return true;
        return false;
    }

    /// <summary>"a year ago" in a sentence about quarterly results is the same quarter of the year before.</summary>
    private readonly string QuarterAYearBefore() => Four(_quarterYear - 1) + "-Q" + _quarter.ToString(CultureInfo.InvariantCulture);

    /// <summary>"months" alone (a vague duration), "the year" (the current one), "year-earlier" (the previous one).</summary>
    private bool BareUnit(int i, bool afterThe, out Hit hit)
    {
        hit = default;
        IsUnit(i, out var unit, out bool plural);
        if (IsGlue(i + 1, Glue.Hyphen) && Joined(i) && Joined(i + 1) && (Is(i + 2, "earlier") || Is(i + 2, "ago")) && !plural)
        {
            // "year-earlier" modifies a noun; "the year-ago quarter" and "the year-earlier period" take the noun along.
            int j = i + 3;
            bool quarter = unit == TimeUnit.Year && _quarter != 0;
            if (unit == TimeUnit.Year && Kind(j) == TimeWord.Ordinal && IsUnit(j + 1, out var qu, out _) && qu == TimeUnit.Quarter && _dct is { } d)
            {
                hit = Date(j + 2, Four(d.Year - 1) + "-Q" + Val(j).ToString(CultureInfo.InvariantCulture), null);
                return true;
            }
            if (unit == TimeUnit.Year && (IsUnit(j, out var nu, out bool np) && nu == TimeUnit.Quarter && !np || Is(j, "period")))
            {
                hit = Date(j + 1, quarter ? QuarterAYearBefore() : Shift(unit, -1), null);
                return true;
            }
            hit = Date(j, quarter ? QuarterAYearBefore() : Shift(unit, -1), null);
            hit.NoThe = true;
            return true;
        }
        if (unit == TimeUnit.Year && !plural && (Is(i + 1, "end") || IsGlue(i + 1, Glue.Hyphen) && Joined(i) && Is(i + 2, "end") || IsGlue(i + 1, Glue.Possessive) && Is(i + 2, "end")))
        {
            hit = Date(Is(i + 1, "end") ? i + 2 : i + 3, Shift(TimeUnit.Year, 0), "END");
            hit.NoThe = true;
            return true;
        }
        if (plural)
        {
            if (unit is TimeUnit.Second or TimeUnit.Weekend or TimeUnit.Quarter) return false;
            // "52 years old", "hundreds of years": an age or a count the number before already owns.
            if (Is(i + 1, "old") || i > _start && (_t[i - 1].Kind == TokenKind.Number || IsGlue(i - 1, Glue.Of))) return false;
            if (Direction(i + 1, out int direction, out int used))
            {
                hit = Ref(i + 1 + used, direction < 0 ? "PAST_REF" : "FUTURE_REF");
                return true;
            }
            hit = new Hit { End = Is(i + 1, "away") ? i + 2 : i + 1, Type = TimeType.DURATION, Value = Duration(-1, unit), NoThe = true };
            return true;
        }
        if (!afterThe || unit is TimeUnit.Day or TimeUnit.Hour or TimeUnit.Minute or TimeUnit.Second or TimeUnit.Decade or TimeUnit.Century) return false;
        if (IsGlue(i + 1, Glue.Of) || Is(i + 1, "before") || Is(i + 1, "after")) return false;  // "the year of the dragon", "the week before": anchored elsewhere
        if (unit == TimeUnit.Quarter && _quarter != 0)
        {
            hit = Date(i + 1, Four(_quarterYear) + "-Q" + _quarter.ToString(CultureInfo.InvariantCulture), null);
            return true;
        }
        // "profit for the year", "over the year": the span of a year, not the calendar year.
        if (unit == TimeUnit.Year && (Is(i - 2, "for") || Is(i - 2, "over") || Is(i - 2, "during") || Is(i - 2, "throughout")))
        {
            hit = new Hit { End = i + 1, Type = TimeType.DURATION, Value = Duration(1, unit) };
            return true;
        }
        hit = Date(i + 1, Shift(unit, 0), null);
        return true;
    }

    /// <summary>"Christmas", "Christmas Eve", "Thanksgiving Day", "Easter Sunday", "Valentine's Day", "Independence Day"; "New Year's Day" starts at "New".</summary>
    private bool HolidayAt(int i, int direction, out Hit hit)
    {
        hit = default;
        if (!Capitalized(i)) return false;
        var holiday = (Holiday)Val(i);
        int j = i + 1;
        bool eve = false;
        if (holiday is Holiday.Valentine or Holiday.Independence)
        {
            if (holiday == Holiday.Valentine && IsGlue(j, Glue.Possessive)) j++;
            if (!Is(j, "Day")) return false;
            j++;
        }
        else if (Is(j, "Eve") && holiday == Holiday.Christmas) { eve = true; j++; }
        else if (Is(j, "Day") || holiday == Holiday.Easter && Is(j, "Sunday")) j++;
        if (IsYear(j))
        {
            hit = Date(j + 1, Format(HolidayDate(holiday, Val(j), eve)), null);
            return true;
        }
        if (_dct is not { } dct)
        {
            var any = HolidayDate(holiday, 2000, eve);
            hit = Date(j, holiday is Holiday.Thanksgiving or Holiday.Easter ? "XXXX-XX-XX" : "XXXX-" + Two(any.Month) + "-" + Two(any.Day), null);
            return true;
        }
        int y = dct.Year;
        var date = HolidayDate(holiday, y, eve);
        var tense = direction != 0 ? Tense.None : TenseAt(i);
        if (direction < 0 && date >= dct || direction == 0 && tense == Tense.Past && date.Subtract(dct).Days > 60) y--;
        else if (direction > 0 && date <= dct || direction == 0 && tense == Tense.Future && date.Subtract(dct).Days < -60) y++;
        hit = Date(j, Format(HolidayDate(holiday, y, eve)), null);
        return true;
    }

    private bool SeasonAt(int i, int direction, bool relative, out Hit hit)
    {
        int season = Val(i);
        string code = season switch { 1 => "SP", 2 => "SU", 3 => "FA", _ => "WI" };
        if (IsYear(i + 1))
        {
            hit = Date(i + 2, Four(Val(i + 1)) + "-" + code, MidMod(i));
            return true;
        }
        if (!relative && !(i > _start && (IsGlue(i - 1, Glue.The) || IsGlue(i - 1, Glue.In) || Kind(i - 1) == TimeWord.Mod)))
        {
            hit = default;
            return false;
        }
        string year = "XXXX";
        if (_dct is { } dct)
        {
            int current = dct.Month switch { >= 3 and <= 5 => 1, >= 6 and <= 8 => 2, >= 9 and <= 11 => 3, _ => 4 };
            int y = dct.Month <= 2 ? dct.Year - 1 : dct.Year;  // January's winter began the year before
            if (direction < 0 && season >= current) y--;
            else if (direction > 0 && season <= current) y++;
            else if (direction == 0 && !relative)
            {
                var tense = TenseAt(i);
                if (tense == Tense.Past && season > current) y--;
                else if (tense == Tense.Future && season < current) y++;
            }
            year = Four(y);
        }
        hit = Date(i + 1, year + "-" + code, MidMod(i));
        return true;
    }

    /// <summary>"every day", "each year", "every two weeks", "every Tuesday".</summary>
    private bool Every(int i, out Hit hit)
    {
        hit = default;
        int j = i + 1;
        int n = 1;
        if (IsNumberAt(j) && ReadNumber(j, out int count, out int next) && count > 0) { n = count; j = next; }
        if (IsUnit(j, out var unit, out bool plural) && (plural == (n > 1)))
        {
            hit = new Hit { End = j + 1, Type = TimeType.SET, Value = Duration(n, unit) };
            return true;
        }
        if (n == 1 && Kind(j) == TimeWord.Month && Capitalized(j) && !Is(i, "per") && !IsDayNumber(j + 1, out _))
        {
            hit = new Hit { End = j + 1, Type = TimeType.SET, Value = "XXXX-" + Two(Val(j)) };
            return true;
        }
        if (n == 1 && Kind(j) == TimeWord.Weekday && Capitalized(j) && !Is(i, "per"))
        {
            hit = new Hit { End = j + 1, Type = TimeType.SET, Value = "XXXX-WXX-" + Val(j).ToString(CultureInfo.InvariantCulture) };
            return true;
        }
        return false;
    }

    private bool PartOfDayAlone(int i, out Hit hit)
    {
        hit = default;
        var part = (PartOfDay)Val(i);
        // "at noon", "by midnight"; "High Noon" is a film.
        if (part is PartOfDay.Noon or PartOfDay.Midnight && (Is(i - 1, "at") || Is(i - 1, "by") || Is(i - 1, "until") || Is(i - 1, "before") || Is(i - 1, "after") || Is(i - 1, "around") || Is(i - 1, "since")) || _l[i].Mid)
        {
            int j = i + 1;
            string day = DayValue(0);
            if (Kind(j) == TimeWord.Deictic && _l[j].Extra == 0) { day = DayValue(Val(j)); j++; }
            else if (Kind(j) == TimeWord.Weekday && Capitalized(j)) { day = WeekdayValue(Val(j), j, 0); j++; }
            hit = new Hit { End = j, Type = TimeType.TIME, Value = day + PartCode(part), Mod = MidMod(i) };
            return true;
        }
        return false;
    }

    private bool Fiscal(int i, out Hit hit)
    {
        hit = default;
        if (IsYear(i + 1))
        {
            hit = Date(i + 2, Four(Val(i + 1)), null);
            return true;
        }
        if (IsUnit(i + 1, out var unit, out bool plural) && unit == TimeUnit.Year && !plural && i > _start && IsGlue(i - 1, Glue.The))
        {
            hit = Date(i + 2, _dct is { } d ? Four(d.Year) : "XXXX", null);
            return true;
        }
        return false;
    }

    // ---- tense ----

    /// <summary>The tense of the verb nearest to token <paramref name="at"/> in its sentence (POS tags when a tagger ran, else word lists).</summary>
    private readonly Tense TenseAt(int at)
    {
        for (int d = 1; d < _end - _start; d++)
        {
            int left = at - d, right = at + d;
            if (left < _start && right >= _end) break;
            if (left >= _start && TenseOf(left) is var l && l != Tense.None) return l;
            if (right < _end && TenseOf(right) is var r && r != Tense.None) return r;
        }
        return Tense.None;
    }

    private readonly Tense TenseOf(int i)
    {
        ref readonly var t = ref _t[i];
        if (t.Kind != TokenKind.Word) return Tense.None;
        if (t.Tag is { } tag && !TenseWords.Future.Contains(Word(i)))
        {
            if (tag == "VBD") return Tense.Past;
            if (tag is "VBZ" or "VBP") return Tense.Present;
            if (tag == "MD") return IsFutureModal(Word(i)) ? Tense.Future : Tense.None;
            return Tense.None;
        }
        var w = Word(i);
        if (IsFutureModal(w) || TenseWords.Future.Contains(w)) return Tense.Future;
        if (w.Length < 2 || char.IsUpper(w[0]) && i != _start) return Tense.None;
        if (TenseWords.Past.Contains(w)) return Tense.Past;
        if (TenseWords.Present.Contains(w)) return Tense.Present;
        // Regular past forms; "-ed" nouns and adjectives are rarer next to a date than the verbs.
        if (w.Length >= 5 && w.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && !TenseWords.NotPast.Contains(w)) return Tense.Past;
        return Tense.None;
    }

    private static bool IsFutureModal(ReadOnlySpan<char> w) =>
        w.Equals("will", StringComparison.OrdinalIgnoreCase) || w.Equals("'ll", StringComparison.OrdinalIgnoreCase) || w.Equals("shall", StringComparison.OrdinalIgnoreCase) || w.Equals("wo", StringComparison.OrdinalIgnoreCase);

    // ---- values ----

    private readonly string DayValue(int offset) => _dct is { } d ? Format(d.AddDays(offset)) : "XXXX-XX-XX";

    /// <summary>The period <paramref name="n"/> units away from the anchor, at the unit's granularity.</summary>
    private readonly string Shift(TimeUnit unit, int n)
    {
        if (_dct is not { } d)
            return unit switch
            {
                TimeUnit.Week => "XXXX-WXX",
                TimeUnit.Weekend => "XXXX-WXX-WE",
                TimeUnit.Month => "XXXX-XX",
                TimeUnit.Quarter => "XXXX-QX",
                TimeUnit.Year => "XXXX",
                TimeUnit.Decade => "XXX",
                TimeUnit.Century => "XX",
                _ => "XXXX-XX-XX",
            };
        switch (unit)
        {
            case TimeUnit.Week: return Week(d.AddDays(7 * n));
            case TimeUnit.Weekend: return Week(d.AddDays(7 * n)) + "-WE";
            case TimeUnit.Month: var m = d.AddMonths(n); return YM(m.Year, m.Month);
            case TimeUnit.Quarter:
                int q = d.Year * 4 + (d.Month - 1) / 3 + n;
                return Four(q / 4) + "-Q" + (q % 4 + 1).ToString(CultureInfo.InvariantCulture);
            case TimeUnit.Year: return Four(d.Year + n);
            case TimeUnit.Decade: return (d.Year / 10 + n).ToString("D3", CultureInfo.InvariantCulture);
            case TimeUnit.Century: return (d.Year / 100 + n).ToString("D2", CultureInfo.InvariantCulture);
            case TimeUnit.Day: return Format(d.AddDays(n));
            default: return Format(d);
        }
    }
}
