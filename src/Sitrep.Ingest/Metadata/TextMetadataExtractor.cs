using System.Globalization;
using System.Text.RegularExpressions;

namespace Sitrep.Ingest.Metadata;

/// <summary>
/// Reads what a plain article text says about itself: headline, byline, dateline, footer and pull-quotes.
/// The footer is removed from the text (it is metadata, later stages must not see it); everything else stays
/// in the text and is marked with a <see cref="Region"/>. Body paragraphs are left unmarked: text outside every
/// region is body, which keeps the region list short.
/// Every pattern runs on one line of bounded length, so a 10 MB line costs one linear scan and nothing more.
/// Stateless and thread-safe.
/// </summary>
public sealed partial class TextMetadataExtractor
{
    private const int MaxHeadlineLength = 200;
    private const int MaxBylineLength = 120;
    private const int MaxDatelineProbe = 200;
    private const int MaxFooterLineLength = 1000;
    private const int MaxFooterLines = 8;
    private const int MaxHeaderLines = 4;
    private const int MinPullQuoteLength = 15;
    private const int MaxPullQuoteLength = 500;
    private const int MaxAttributionLength = 300;
    // Each candidate costs a scan of the text; real articles have one or two pull-quotes, so a cap keeps a
    // hostile input of thousands of quote/caps-line pairs linear.
    private const int MaxPullQuoteCandidates = 64;

    // News agencies and desk roles that may follow a byline name after a comma ("Jane Doe, Reuters").
    private static readonly HashSet<string> Agencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Reuters", "AP", "Associated Press", "The Associated Press", "AFP", "Agence France-Presse", "Bloomberg",
        "Bloomberg News", "dpa", "Xinhua", "UPI", "Kyodo", "Kyodo News", "Yonhap", "ANSA", "EFE", "PTI", "Press Association",
        "PA", "Interfax", "TASS", "Anadolu", "Anadolu Agency", "Bernama", "Antara",
    };

    public ArticleText Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text);
        var footer = FindFooter(text, lines);
        string? footerText = null;
        if (footer.Start < text.Length)
        {
            var kept = text.AsSpan(0, footer.Start).TrimEnd();
            // A "document" that is nothing but a footer keeps its text: an empty article helps nobody.
            if (!kept.IsWhiteSpace())
            {
                footerText = text[footer.Start..];
                text = kept.ToString();
                lines = SplitLines(text);
            }
            else
            {
                footer = default;
            }
        }
        if (footerText is null) footer = default;

        var regions = new List<Region>();
        string? title = null, byline = null, dateline = null;
        string? publisher = footer.Publisher;
        string? bylineAgency = null, datelineAgency = null;
        TextSpan? datelineSpan = null;
        DateTimeOffset? published = footer.Published;
        int datelineYear = 0, datelineMonth = 0, datelineDay = 0;
        int bodyStartLine = ReadHeader();

        // A dateline's date is the day of publication; without its own year it takes the footer's.
        if (published is null && datelineMonth > 0 && (datelineYear > 0 ? datelineYear : footer.Year) is > 0 and var y)
            published = NewsDates.FromParts(y, datelineMonth, datelineDay);
        publisher ??= bylineAgency ?? datelineAgency;

        FindPullQuotes(text, lines, bodyStartLine, regions);

        var metadata = new DocumentMetadata
        {
            Title = title,
            Byline = byline,
            Publisher = publisher,
            Published = published,
            PublishedHasTime = false,
            Dateline = dateline,
            DatelineSpan = datelineSpan,
        };
        return new ArticleText(text, metadata, regions) { Footer = footerText };

        // Walks the first few lines: headline, bylines and stand-firsts, until the first body paragraph,
        // whose start may hold a dateline. Returns the index of the first body line.
        int ReadHeader()
        {
            int li = 0;
            for (int seen = 0; li < lines.Count && seen < MaxHeaderLines; seen++)
            {
                var line = lines[li];
                if (line.Length <= MaxBylineLength && MatchByline(text, line) is { } b)
                {
                    regions.Add(new Region(RegionKind.Byline, line.Start, line.End));
                    byline ??= b.Names;
                    bylineAgency ??= b.Agency;
                    li = NextNonBlank(lines, li + 1);
                    continue;
                }
                int probe = Math.Min(line.Length, MaxDatelineProbe);
                var d = DatelinePattern().Match(text, line.Start, probe);
                if (!d.Success && MixedCaseDatelinePattern().Match(text, line.Start, probe) is { Success: true } mixed
                    && Agencies.Contains(mixed.Groups["agency"].Value.Trim()))
                    d = mixed;
                if (d.Success)
                {
                    var place = d.Groups["place"];
                    regions.Add(new Region(RegionKind.Dateline, line.Start, d.Index + d.Length));
                    dateline = place.Value;
                    datelineSpan = new TextSpan(place.Index, place.Index + place.Length);
                    if (d.Groups["agency"] is { Success: true } agency) datelineAgency = agency.Value.Trim();
                    if (d.Groups["month"] is { Success: true } month
                        && int.TryParse(d.Groups["day"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int day))
                    {
                        datelineMonth = NewsDates.MonthNumber(month.ValueSpan);
                        datelineDay = day;
                        if (d.Groups["year"] is { Success: true } year)
                            datelineYear = int.Parse(year.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
                    }
                    return li;
                }
                // A short unpunctuated line standing alone is the headline when first, a stand-first or section label after it.
                if (IsHeadlineLike(text, line) && IsStandalone(lines, li) && NextNonBlank(lines, li + 1) < lines.Count)
                {
                    if (li == 0)
                    {
                        regions.Add(new Region(RegionKind.Headline, line.Start, line.End));
                        title = text[line.Start..line.End];
                    }
                    li = NextNonBlank(lines, li + 1);
                    continue;
                }
                break;
            }
            return li;
        }
    }

    private static bool IsHeadlineLike(string text, TextSpan line)
    {
        if (line.Length == 0 || line.Length > MaxHeadlineLength) return false;
        var span = text.AsSpan(line.Start, line.Length);
        // A final period marks a sentence, i.e. body text; "?" and "!" headlines are common enough to allow.
        return span[^1] != '.' && span[^1] != ',' && span.IndexOfAnyExceptInRange('0', '9') >= 0 && ContainsLetter(span);
    }

    private static bool ContainsLetter(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
            if (char.IsLetter(c)) return true;
        return false;
    }

    private readonly record struct BylineMatch(string Names, string? Agency);

    private static BylineMatch? MatchByline(string text, TextSpan line)
    {
        var m = ByPattern().Match(text, line.Start, line.Length);
        if (m.Success)
        {
            var names = m.Groups["names"].Value;
            // "By Jane Doe, Reuters": the last comma part is an affiliation when it names an agency or a desk role.
            int comma = names.LastIndexOf(", ", StringComparison.Ordinal);
            if (comma > 0)
            {
                var tail = names[(comma + 2)..];
                if (Agencies.Contains(tail)) return new BylineMatch(names[..comma], tail);
                if (RolePattern().IsMatch(tail)) return new BylineMatch(names[..comma], null);
            }
            return new BylineMatch(names, null);
        }
        m = NameCommaOrgPattern().Match(text, line.Start, line.Length);
        if (m.Success)
        {
            var org = m.Groups["org"].Value;
            if (Agencies.Contains(org)) return new BylineMatch(m.Groups["names"].Value, org);
            if (RolePattern().IsMatch(org)) return new BylineMatch(m.Groups["names"].Value, null);
        }
        return null;
    }

    private readonly record struct FooterInfo(int Start, string? Publisher, DateTimeOffset? Published, int Year);

    /// <summary>Finds the run of footer lines at the very end of the text (print-edition notes, copyright, credit lines).</summary>
    private static FooterInfo FindFooter(string text, List<TextSpan> lines)
    {
        int start = text.Length;
        var footerLines = new List<TextSpan>();
        for (int i = lines.Count - 1; i >= 0 && footerLines.Count < MaxFooterLines; i--)
        {
            var line = lines[i];
            if (line.Length == 0) continue;
            if (line.Length > MaxFooterLineLength || !IsFooterLine(text, line)) break;
            footerLines.Add(line);
            start = line.Start;
        }

        string? publisher = null;
        DateTimeOffset? published = null;
        int year = 0;
        // Top-down, so the first footer line's facts win over later ones.
        for (int i = footerLines.Count - 1; i >= 0; i--)
        {
            var line = footerLines[i];
            var m = AppearedInPattern().Match(text, line.Start, line.Length);
            if (m.Success)
            {
                if (m.Groups["pub"] is { Success: true } pub) publisher ??= pub.Value.Trim();
                if (m.Groups["date"] is { Success: true } date) published ??= NewsDates.ParseLongDate(date.ValueSpan);
                continue;
            }
            m = CopyrightYearFirstPattern().Match(text, line.Start, line.Length);
            if (!m.Success) m = CopyrightNameFirstPattern().Match(text, line.Start, line.Length);
            if (m.Success)
            {
                publisher ??= m.Groups["pub"].Value.Trim();
                if (year == 0) year = int.Parse(m.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        if (year == 0 && published is { } p) year = p.Year;
        return new FooterInfo(start, publisher, published, year);
    }

    private static bool IsFooterLine(string text, TextSpan line) =>
        AppearedInPattern().Match(text, line.Start, line.Length).Success
        || CopyrightYearFirstPattern().Match(text, line.Start, line.Length).Success
        || CopyrightNameFirstPattern().Match(text, line.Start, line.Length).Success
        || CreditLinePattern().Match(text, line.Start, line.Length).Success
        || TrailerPattern().Match(text, line.Start, line.Length).Success;

    /// <summary>
    /// A pull-quote is a paragraph that repeats a sentence found elsewhere in the text, followed by an all-caps
    /// attribution line. Both stay in the text and are marked, so the quote is not counted twice.
    /// </summary>
    private static void FindPullQuotes(string text, List<TextSpan> lines, int firstLine, List<Region> regions)
    {
        int afterRegions = regions.Count > 0 ? regions[^1].End : 0;
        string? folded = null;
        int candidates = 0;
        for (int i = firstLine; i < lines.Count && candidates < MaxPullQuoteCandidates; i++)
        {
            var quote = lines[i];
            if (quote.Length < MinPullQuoteLength || quote.Length > MaxPullQuoteLength || quote.Start < afterRegions) continue;
            if (i > 0 && lines[i - 1].Length != 0) continue; // must start its paragraph
            int j = NextNonBlank(lines, i + 1);
            if (j >= lines.Count) break;
            var attribution = lines[j];
            if (attribution.Length > MaxAttributionLength || !IsStandalone(lines, j)) continue;
            if (!AttributionPattern().Match(text, attribution.Start, attribution.Length).Success) continue;
            // A one-line paragraph, not the first line of a longer one.
            if (j != i + 1 && !IsStandalone(lines, i)) continue;

            var core = QuoteCore(text.AsSpan(quote.Start, quote.Length));
            if (core.Length < MinPullQuoteLength || core.IndexOf(' ') < 0) continue;
            candidates++;
            folded ??= Fold(text);
            if (!OccursElsewhere(folded, Fold(core.ToString()), quote)) continue;

            regions.Add(new Region(RegionKind.PullQuote, quote.Start, quote.End));
            regions.Add(new Region(RegionKind.PullQuoteAttribution, attribution.Start, attribution.End, regions.Count - 1));
            i = j;
        }
    }

    private static bool OccursElsewhere(string foldedText, string foldedCore, TextSpan exclude)
    {
        int at = foldedText.IndexOf(foldedCore, StringComparison.Ordinal);
        if (at >= exclude.Start && at < exclude.End)
            at = foldedText.IndexOf(foldedCore, exclude.End, StringComparison.Ordinal);
        return at >= 0;
    }

    /// <summary>The sentence itself: without surrounding quote marks, whitespace and final punctuation.</summary>
    private static ReadOnlySpan<char> QuoteCore(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> quotes = "\"'“”‘’«» \t";
        line = line.Trim(quotes).TrimEnd(".,;:!?…").Trim(quotes);
        return line;
    }

    /// <summary>Maps typographic quotes and no-break spaces to ASCII, one char for one, so offsets are unchanged.</summary>
    private static string Fold(string s) => string.Create(s.Length, s, static (dst, src) =>
    {
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = src[i] switch
            {
                '‘' or '’' or '‚' or '‛' or '′' => '\'',
                '“' or '”' or '„' or '‟' or '″' => '"',
                '\u00A0' or '\u2009' or '\u202F' => ' ',
                var c => c,
            };
        }
    });

    private static List<TextSpan> SplitLines(string text)
    {
        var lines = new List<TextSpan>();
        int start = 0;
        while (true)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                lines.Add(new TextSpan(start, text.Length));
                return lines;
            }
            lines.Add(new TextSpan(start, nl));
            start = nl + 1;
        }
    }

    private static int NextNonBlank(List<TextSpan> lines, int from)
    {
        while (from < lines.Count && lines[from].Length == 0) from++;
        return from;
    }

    /// <summary>The line is a paragraph of its own: followed by a blank line or the end of the text.</summary>
    private static bool IsStandalone(List<TextSpan> lines, int index) => index + 1 >= lines.Count || lines[index + 1].Length == 0;

    // A name word never is "AND", so "JANE DOE AND JOHN ROE" splits one way only and cannot backtrack exponentially.
    private const string Name = @"\p{Lu}[\p{L}'’.\-]*(?: (?!AND )(?:\p{Lu}[\p{L}'’.\-]*|de|da|di|van|von|der|del|al|bin|le|la))*";

    [GeneratedRegex(@"^(?:By|BY) (?<names>" + Name + @"(?:(?:, | and | AND | & )" + Name + @")*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ByPattern();

    [GeneratedRegex(@"^(?<names>\p{Lu}[\p{L}'’.\-]+(?: \p{Lu}[\p{L}'’.\-]*){1,3}(?: (?:and|&) \p{Lu}[\p{L}'’.\-]+(?: \p{Lu}[\p{L}'’.\-]*){1,3})?), (?<org>\p{Lu}[\p{L}.&'’\-]*(?: [\p{L}.&'’\-]+){0,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NameCommaOrgPattern();

    [GeneratedRegex(@"\b(?:[Ss]taff|[Ww]riter|[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Bb]ureau|[Cc]ontributor|[Cc]olumnist)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();

    // PARIS • / PARIS (Reuters) - / BAGHDAD, Oct 26 (AP) — / MOSUL, Iraq (Reuters) - / NEW YORK —
    // The place is upper case; a second part after a comma ("Iraq", "Calif.") is not when it is a month.
    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{Lu}.'’\-]+(?: \p{Lu}[\p{Lu}.'’\-]*){0,3}(?:, (?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)\p{Lu}[\p{L}.'’\-]*(?: \p{Lu}[\p{L}.'’\-]*){0,2})?)(?:" + DatelineDate + @")? ?(?:\((?<agency>\p{L}[\p{L} .&'’\-]{0,40})\) ?)?(?<sep>--|[—–\-•·|])(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex DatelinePattern();

    // ", Oct 26" / ", March 3, 2025": the date part of a dateline, the year optional.
    private const string DatelineDate = @", (?<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?) (?<day>\d{1,2})(?:, (?<year>(?:19|20)\d{2}))?";

    // Kyiv (AFP) - / Kyiv, March 3 (Reuters) - : a place written in mixed case is a dateline only when a news agency
    // (checked against the known list) follows it, since many body sentences start with a capitalized word.
    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{Ll}'’\-]+(?: \p{Lu}[\p{Ll}'’\-]+){0,2}(?:, (?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)\p{Lu}[\p{L}.'’\-]*(?: \p{Lu}[\p{L}.'’\-]*){0,2})?)(?:" + DatelineDate + @")? \((?<agency>\p{L}[\p{L} .&'’\-]{0,40})\) ?(?<sep>--|[—–\-•·|])(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex MixedCaseDatelinePattern();

    // "A version of this article appeared in the print edition of The Straits Times on October 27, 2016, with ..."
    // "This article was first published in The Star." / "A version of this article appears in print on Oct. 27, 2016, ..."
    [GeneratedRegex(@"^(?:A version of this|This) (?:article|story|report) (?:was )?(?:first |originally )?(?:appeared|appears|published|ran) in (?:print on (?<date>\p{L}+\.? \d{1,2}, \d{4})|(?:the )?(?:(?:print|online|digital) (?:edition|version) of )?(?<pub>\p{Lu}[^,;]*?)(?: on (?<date>\p{L}+\.? \d{1,2}, \d{4}|\d{1,2} \p{L}+ \d{4}))?(?:[,;]|\.(?: |$)|$))", RegexOptions.CultureInvariant)]
    private static partial Regex AppearedInPattern();

    // "Copyright 2016 The Associated Press. All rights reserved. ..." / "© 2016 Reuters"
    [GeneratedRegex(@"^(?:Copyright(?: ©| \([cC]\))?|©|\([cC]\)) ?(?<year>(?:19|20)\d{2})(?:[-–]\d{2,4})? (?<pub>\p{Lu}[^.]*?)(?:\.|\. All [Rr]ights [Rr]eserved\..*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightYearFirstPattern();

    // "Copyright © The Daily Example 2016. All rights reserved."
    [GeneratedRegex(@"^(?:Copyright(?: ©)?|©) ?(?<pub>\p{Lu}[^0-9.]*?),? (?<year>(?:19|20)\d{2})(?:\.|\. All [Rr]ights [Rr]eserved\..*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightNameFirstPattern();

    // Reuters-style credit: "(Reporting by A; Additional reporting by B; Editing by C)"
    [GeneratedRegex(@"^(?:\((?:[Aa]dditional |[Ww]riting and )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]eported) by [^)]*\)|(?:Additional )?Reporting by [^;]+; (?:Writing|Editing) by .*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CreditLinePattern();

    [GeneratedRegex(@"^(?:Print Edition \| Subscribe|All [Rr]ights [Rr]eserved\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailerPattern();

    // "FRENCH PRESIDENT FRANCOIS HOLLANDE, warning of ..." — upper-case words, then optionally ", description".
    [GeneratedRegex(@"^(?:[—–\-] ?)?\p{Lu}[\p{Lu}'’.\-]+(?: \p{Lu}[\p{Lu}'’.\-]*){0,8}(?:, .*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributionPattern();
}
