namespace Sitrep.Extraction.Tests;

/// <summary>One test per rule family, all against a Thursday publication date (2016-10-27).</summary>
public sealed class TimeTaggerTests
{
    private static void Expect(string sentence, string text, TimeType type, string value, string? mod = null)
    {
        var doc = Analyze.RunAt(sentence);
        var t = Analyze.Time(doc, text);
        Assert.Equal(type, t.Type);
        Assert.Equal(value, t.Value);
        Assert.Equal(mod, t.Mod);
        Analyze.AssertOffsets(doc);
    }

    [Theory]
    [InlineData("The talks ended on Oct. 23, 2015.", "Oct. 23, 2015", "2015-10-23")]
    [InlineData("It appeared in print on October 27, 2016.", "October 27, 2016", "2016-10-27")]
    [InlineData("Voting starts on 13 November 2016.", "13 November 2016", "2016-11-13")]
    [InlineData("The files were dated 2016-10-01.", "2016-10-01", "2016-10-01")]
    [InlineData("The war ended in 1995.", "1995", "1995")]
    [InlineData("Prices rose in the 1990s.", "the 1990s", "199")]
    [InlineData("Sales fell in March 2015.", "March 2015", "2015-03")]
    public void Absolute_dates(string sentence, string text, string value) => Expect(sentence, text, TimeType.DATE, value);

    [Theory]
    [InlineData("Fighters yesterday kept up their defence.", "yesterday", "2016-10-26")]
    [InlineData("The minister arrives today.", "today", "2016-10-27")]
    [InlineData("The vote is tomorrow.", "tomorrow", "2016-10-28")]
    [InlineData("Ashton Carter met coalition members this week.", "this week", "2016-W43")]
    [InlineData("Ties were cut last year.", "last year", "2015")]
    [InlineData("The offensive began last month.", "last month", "2016-09")]
    [InlineData("Talks resume next week.", "next week", "2016-W44")]
    [InlineData("The attacks came on Nov 13 last year.", "Nov 13 last year", "2015-11-13")]
    [InlineData("The plant was closed two weeks ago.", "two weeks ago", "2016-W41")]
    [InlineData("A year ago the city fell.", "A year ago", "2015")]
    [InlineData("Results were better in the third quarter.", "the third quarter", "2016-Q3")]
    public void Relative_dates(string sentence, string text, string value) => Expect(sentence, text, TimeType.DATE, value);

    [Theory]
    [InlineData("Mr Hollande, addressing Tuesday's coalition meeting, said the offensive could trigger an outflow.", "Tuesday", "2016-10-25")]
    [InlineData("The council will meet on Tuesday.", "Tuesday", "2016-11-01")]
    [InlineData("Police said on Monday that two men were held.", "Monday", "2016-10-24")]
    [InlineData("The ministers met last Friday.", "last Friday", "2016-10-21")]
    [InlineData("The ministers meet next Friday.", "next Friday", "2016-10-28")]  // the first Friday after the publication date, as HeidelTime reads it
    [InlineData("The premier called an emergency cabinet meeting for Friday.", "Friday", "2016-10-28")]  // booked "for" a day: ahead, whatever the tense
    public void Weekdays_follow_the_tense(string sentence, string text, string value) => Expect(sentence, text, TimeType.DATE, value);

    [Theory]
    [InlineData("The campaign began earlier this month.", "earlier this month", "2016-10", "START")]
    [InlineData("Earlier in the year, officials suggested the campaigns could run together.", "Earlier in the year", "2016", "START")]
    [InlineData("Elections are due in late November.", "late November", "2016-11", "END")]
    [InlineData("The report is due at the end of the year.", "the end of the year", "2016", "END")]
    public void Modifiers(string sentence, string text, string value, string mod) => Expect(sentence, text, TimeType.DATE, value, mod);

    [Theory]
    [InlineData("The fight for Raqqa could be months away.", "months away", "PXM", null)]
    [InlineData("The siege lasted three days.", "three days", "P3D", null)]
    [InlineData("He signed a two-year contract.", "two-year", "P2Y", null)]
    [InlineData("Profit rose in the first nine months.", "the first nine months", "P9M", null)]
    [InlineData("The ceasefire held for nearly two years.", "nearly two years", "P2Y", "EQUAL_OR_LESS")]
    [InlineData("Prices rose over the past two months.", "the past two months", "P2M", null)]
    public void Durations(string sentence, string text, string value, string? mod) => Expect(sentence, text, TimeType.DURATION, value, mod);

    [Theory]
    [InlineData("The paper is printed daily.", "daily", "P1D")]
    [InlineData("They meet every week.", "every week", "P1W")]
    [InlineData("The market opens every Tuesday.", "every Tuesday", "XXXX-WXX-2")]
    public void Sets(string sentence, string text, string value) => Expect(sentence, text, TimeType.SET, value);

    [Theory]
    [InlineData("The blast occurred at 10:35 a.m. yesterday.", "10:35 a.m. yesterday", "2016-10-26T10:35")]
    [InlineData("The curfew starts at 6 p.m.", "6 p.m.", "2016-10-27T18:00")]
    [InlineData("Shelling resumed this morning.", "this morning", "2016-10-27TMO")]
    [InlineData("Rockets hit the town last night.", "last night", "2016-10-26TNI")]
    [InlineData("The strike hit the village on Tuesday night.", "Tuesday night", "2016-10-25TNI")]
    public void Times_of_day(string sentence, string text, string value) => Expect(sentence, text, TimeType.TIME, value);

    [Theory]
    [InlineData("Troops are now in the city.", "now", "PRESENT_REF")]
    [InlineData("The group recently lost ground.", "recently", "PAST_REF")]
    [InlineData("Nobody knows what the future holds.", "the future", "FUTURE_REF")]
    public void References(string sentence, string text, string value) => Expect(sentence, text, TimeType.DATE, value);

    [Theory]
    [InlineData("The ceasefire will hold until Christmas.", "Christmas", "2016-12-25")]
    [InlineData("He was arrested last Thanksgiving.", "last Thanksgiving", "2015-11-26")]
    [InlineData("The bombing happened on Easter Sunday 2016.", "Easter Sunday 2016", "2016-03-27")]
    [InlineData("Prices are high these days.", "these days", "PRESENT_REF")]
    public void Holidays_and_idioms(string sentence, string text, string value) => Expect(sentence, text, TimeType.DATE, value);

    [Fact]
    public void Without_a_publication_date_relative_values_stay_underspecified()
    {
        var doc = Analyze.Run("Fighters yesterday held the city, which fell on Nov 13 and again this week, and in 2014.");
        Assert.Equal("XXXX-XX-XX", Analyze.Time(doc, "yesterday").Value);
        Assert.Equal("XXXX-11-13", Analyze.Time(doc, "Nov 13").Value);
        Assert.Equal("XXXX-WXX", Analyze.Time(doc, "this week").Value);
        Assert.Equal("2014", Analyze.Time(doc, "2014").Value);
    }

    [Theory]
    [InlineData("He may leave soon after the 1,500 troops arrive.")]
    [InlineData("A 6-year-old boy was among the 37 years old.")]
    [InlineData("They march in the annual March for Life.")]
    [InlineData("The lunch cost $2016.")]
    public void Leaves_non_times_alone(string sentence)
    {
        var doc = Analyze.RunAt(sentence);
        Assert.DoesNotContain(doc.Times, t => t.Text is "may" or "1,500" or "6-year" or "37 years" or "March" or "2016");
    }
}
