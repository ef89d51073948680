using System.Globalization;

namespace Sitrep.Extraction.Events;

/// <summary>
/// Where and when a coded event happened and what it cost: its place (a locative phrase of the predicate or its object,
/// a physical action's place target, the sentence's first place that is not an actor modifier, the dateline), its day (the
/// predicate's own clause's date before the nearest one, else the publication day) and its killed/wounded counts. Read-only
/// over one document's parse; built once per document by the event coder.
/// </summary>
internal sealed class EventSetting(DependencyView view, Entity? dateline, string? publishedDay)
{
    public static readonly IReadOnlySet<string> LocativeCases = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "in", "at", "near", "outside", "inside", "across", "into", "on", "around", "throughout", "within" };

    public string? PlaceOf(in EventCoder.Candidate c)
    {
        int p = c.PredicateToken;
        for (int cur = p, step = 0; cur >= 0 && step < 3; cur = view.Head(cur), step++)
        {
            foreach (var ch in view.Children(cur))
            {
                var rel = view.Rel(ch);
                if (!(rel.StartsWith("obl", StringComparison.Ordinal) || rel == "nmod")) continue;
                if (view.CaseOf(ch) is { } cs && LocativeCases.Contains(cs) && view.EntityOf(ch) is { Type: EntityType.GPE or EntityType.LOC or EntityType.FAC } e) return e.Id;
            }
            if (view.Pos(cur) == Upos.VERB)
            {
                // "met coalition members in France": the parser may hang the place on the object.
                int obj = view.Child(cur, "obj");
                if (obj >= 0)
                    foreach (var ch in view.Children(obj))
                        if (view.Rel(ch) == "nmod" && view.CaseOf(ch) is { } cs2 && cs2 is "in" or "at" && view.EntityOf(ch) is { Type: EntityType.GPE or EntityType.LOC or EntityType.FAC } oe) return oe.Id;
                break;
            }
        }
        // A place that is itself the target of a physical action ("shelled Kyiv's suburbs") is where it happened.
        if (c.Target.Entity is { } te && c.Target.Code.Length == 3 && view.Doc.Entities.Find(x => x.Id == te) is { Type: EntityType.GPE or EntityType.LOC }) return te;
        var s = view.Doc.Sentences[c.Sentence];
        Entity? first = null;
        int firstStart = int.MaxValue;
        foreach (var e in view.Doc.Entities)
        {
            if (e.Type is not (EntityType.GPE or EntityType.LOC) || e.Id == c.Source.Entity || e.Id == c.Target.Entity && e.Country is null) continue;
            foreach (var m in e.Mentions)
                if (m.Start >= s.Start && m.End <= s.End && m.Start < firstStart && !IsActorModifier(m.Start)) { first = e; firstStart = m.Start; }
        }
        return first?.Id ?? PlaceBefore(c.Sentence)?.Id ?? dateline?.Id;
    }

    /// <summary>
    /// The setting an earlier sentence of the same paragraph gave: the last place named in a locative phrase ("in Tbilisi")
    /// there. "Meanwhile, in Georgia, thousands rallied in Tbilisi. Police detained 41 people" happened in Tbilisi, not at
    /// the dateline. Places that are actors ("accused Moscow") do not carry over; a line break ends a paragraph.
    /// </summary>
    public Entity? PlaceBefore(int sentence) => (_placeBefore ??= PlacesBefore())[sentence];

    private Entity?[]? _placeBefore;

    /// <summary>For every sentence, <see cref="PlaceBefore"/> in one pass over the document (a paragraph of many sentences stays linear).</summary>
    private Entity?[] PlacesBefore()
    {
        var doc = view.Doc;
        var before = new Entity?[doc.Sentences.Count];
        for (int k = 1; k < before.Length; k++)
        {
            if (doc.Text.AsSpan(doc.Sentences[k - 1].End, doc.Sentences[k].Start - doc.Sentences[k - 1].End).Contains('\n')) continue;
            before[k] = LastLocativePlace(doc.Sentences[k - 1]) ?? before[k - 1];
        }
        return before;
    }

    private Entity? LastLocativePlace(Sentence s)
    {
        for (int t = s.TokenEnd - 1; t >= s.TokenStart; t--)
            if (view.EntityOf(t) is { Type: EntityType.GPE or EntityType.LOC } e && view.CaseOf(t) is { } cs && LocativeCases.Contains(cs)) return e;
        return null;
    }

    /// <summary>A place name used as a modifier ("Iraqi troops", "Syria's government") is not where the event happened.</summary>
    private bool IsActorModifier(int offset)
    {
        int t = view.TokenAt(offset);
        return t < view.Doc.TokenCount && view.Rel(t) is "amod" or "nmod:poss" or "compound";
    }

    /// <summary>
    /// The day of the sentence's date or time expression that belongs to the predicate: one inside the predicate's
    /// own clause (its head chain reaches the predicate) before any other, then the nearest. "attacked ... on Monday
    /// night, ..., the ministry said on Tuesday" is dated Monday. Times of day ("Monday night") give their day.
    /// </summary>
    public string? DateOf(in EventCoder.Candidate c)
    {
        var s = view.Doc.Sentences[c.Sentence];
        string? best = null;
        long bestScore = long.MaxValue;
        foreach (var t in view.Doc.Times)
        {
            if (t.Start < s.Start || t.End > s.End || t.Type is not (TimeType.DATE or TimeType.TIME) || t.Value is not { Length: > 0 } v || !char.IsAsciiDigit(v[0])) continue;
            if (t.Type == TimeType.TIME && (v.Length < 10 || v[4] != '-' || v[7] != '-')) continue;
            string day = t.Type == TimeType.TIME ? v[..10] : v;
            long score = Math.Abs(t.Start - c.Trigger);
            if (!InClauseOf(view.TokenAt(t.Start), c.PredicateToken)) score += 1_000_000;
            if (score < bestScore) { best = day; bestScore = score; }
        }
        return best ?? publishedDay;
    }

    /// <summary>True when the head chain from <paramref name="token"/> reaches <paramref name="predicate"/> (a few steps at most).</summary>
    private bool InClauseOf(int token, int predicate)
    {
        if (predicate < 0 || token < 0 || token >= view.Doc.TokenCount) return false;
        for (int t = token, steps = 0; t >= 0 && t < view.Doc.TokenCount && steps < 6; t = view.Head(t), steps++)
            if (t == predicate) return true;
        return false;
    }

    /// <summary>Whether a TIMEX value lies wholly after the publication day: a later day, a later ISO week or a later month.</summary>
    public static bool IsAfter(string value, string published)
    {
        if (value.Length >= 10 && value[4] == '-' && value[7] == '-') return string.CompareOrdinal(value[..10], published) > 0;
        if (!DateTime.TryParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        if (value.Length == 8 && value[4] == '-' && value[5] == 'W'
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int wy)
            && int.TryParse(value.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int w))
            return (wy, w).CompareTo((ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day))) > 0;
        if (value.Length == 7 && value[4] == '-'
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int my)
            && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m))
            return (my, m).CompareTo((day.Year, day.Month)) > 0;
        return false;
    }

    /// <summary>Killed/dead and wounded counts of the sentence: those tied to this trigger, else the nearest violent event's.</summary>
    public (int? Killed, int? Injured) Casualties(in EventCoder.Candidate c, List<EventCoder.Candidate> found)
    {
        if (c.Code[0] is not ('1' or '2') || int.Parse(c.Code.AsSpan(0, 2), CultureInfo.InvariantCulture) is < 17) return (null, null);
        var s = view.Doc.Sentences[c.Sentence];
        int? killed = null, injured = null;
        foreach (var k in view.Doc.Casualties)
        {
            if (k.Trigger.Start < s.Start || k.Trigger.End > s.End || k.Count is not { } count) continue;
            bool mine = k.Event is { } ev ? ev.Start == c.Trigger : NearestViolent(found, c.Sentence, k.Trigger.Start) == c.Trigger;
            if (!mine) continue;
            if (k.Kind is CasualtyKind.Killed or CasualtyKind.Dead) killed = (killed ?? 0) + (int)count;
            else if (k.Kind == CasualtyKind.Wounded) injured = (injured ?? 0) + (int)count;
        }
        return (killed, injured);
    }

    private static int NearestViolent(List<EventCoder.Candidate> found, int sentence, int offset)
    {
        int best = -1, bestD = int.MaxValue;
        foreach (var f in found)
        {
            if (f.Sentence != sentence || f.Code[0] is not ('1' or '2') || f.Code.CompareTo("17") < 0) continue;
            int d = Math.Abs(f.Trigger - offset);
            if (d < bestD) { bestD = d; best = f.Trigger; }
        }
        return best;
    }
}
