using System.Globalization;

namespace Sitrep.Extraction.Time;

/// <summary>TIMEX3 value strings (dates, ISO weeks, durations) and the calendar arithmetic behind them: fixed and moving holidays.</summary>
internal static class TimexValues
{
    public static DateTime HolidayDate(Holiday holiday, int year, bool eve) => holiday switch
    {
        Holiday.Christmas => new DateTime(year, 12, eve ? 24 : 25),
        Holiday.Halloween => new DateTime(year, 10, 31),
        Holiday.Valentine => new DateTime(year, 2, 14),
        Holiday.Independence => new DateTime(year, 7, 4),
        Holiday.NewYear => new DateTime(year, 1, 1),
        // US Thanksgiving: the fourth Thursday of November.
        Holiday.Thanksgiving => new DateTime(year, 11, 1).AddDays((11 - (int)new DateTime(year, 11, 1).DayOfWeek) % 7 + 21),
        _ => Easter(year),
    };

    /// <summary>Western Easter Sunday (the anonymous Gregorian computus).</summary>
    public static DateTime Easter(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateTime(y, month, day);
    }

    public static string Duration(int n, TimeUnit unit)
    {
        // Counted decades and centuries are written in years, as TimeBank does ("two decades" → P20Y); vague ones keep DE/CE.
        if (n > 0 && unit is TimeUnit.Decade or TimeUnit.Century) return "P" + (n * (unit == TimeUnit.Decade ? 10 : 100)).ToString(CultureInfo.InvariantCulture) + "Y";
        string count = n < 0 ? "X" : n.ToString(CultureInfo.InvariantCulture);
        return unit switch
        {
            TimeUnit.Second => "PT" + count + "S",
            TimeUnit.Minute => "PT" + count + "M",
            TimeUnit.Hour => "PT" + count + "H",
            TimeUnit.Day => "P" + count + "D",
            TimeUnit.Week => "P" + count + "W",
            TimeUnit.Weekend => "P" + count + "WE",
            TimeUnit.Month => "P" + count + "M",
            TimeUnit.Quarter => "P" + count + "Q",
            TimeUnit.Year => "P" + count + "Y",
            TimeUnit.Decade => "P" + count + "DE",
            _ => "P" + count + "CE",
        };
    }

    public static string Format(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Week(DateTime d) => Four(ISOWeek.GetYear(d)) + "-W" + Two(ISOWeek.GetWeekOfYear(d));
    public static string Four(int y) => y.ToString("D4", CultureInfo.InvariantCulture);
    public static string Two(int v) => v.ToString("D2", CultureInfo.InvariantCulture);
    public static string YM(int y, int m) => Four(y) + "-" + Two(m);
    public static string YMD(int y, int m, int d) => Four(y) + "-" + Two(m) + "-" + Two(d);
}
