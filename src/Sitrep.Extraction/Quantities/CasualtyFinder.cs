namespace Sitrep.Extraction.Quantities;

/// <summary>
/// Links counts to what happened to the people counted, for the event coder's fatalities and injured:
/// a casualty verb before the figure ("attacks … that killed 130 people", "wounding at least 12") or a casualty word
/// after it ("12 dead", "dozens wounded", "30 people were killed", "five soldiers are missing"), and "death toll … N".
/// The nearest attack-like noun before the trigger in the sentence is kept as the event mention.
/// </summary>
public sealed class CasualtyFinder : IStage
{
    private readonly Dictionary<string, CasualtyKind>.AlternateLookup<ReadOnlySpan<char>> _triggers;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bridges;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _events;

    public CasualtyFinder()
    {
        var triggers = new Dictionary<string, CasualtyKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["killed"] = CasualtyKind.Killed, ["killing"] = CasualtyKind.Killed, ["kill"] = CasualtyKind.Killed, ["kills"] = CasualtyKind.Killed,
            ["slain"] = CasualtyKind.Killed, ["massacred"] = CasualtyKind.Killed, ["executed"] = CasualtyKind.Killed,
            ["dead"] = CasualtyKind.Dead, ["died"] = CasualtyKind.Dead, ["die"] = CasualtyKind.Dead, ["deaths"] = CasualtyKind.Dead, ["fatalities"] = CasualtyKind.Dead,
            ["wounded"] = CasualtyKind.Wounded, ["wounding"] = CasualtyKind.Wounded, ["injured"] = CasualtyKind.Wounded, ["injuring"] = CasualtyKind.Wounded,
            ["hurt"] = CasualtyKind.Wounded, ["injuries"] = CasualtyKind.Wounded,
            ["missing"] = CasualtyKind.Missing, ["disappeared"] = CasualtyKind.Missing,
            ["kidnapped"] = CasualtyKind.Kidnapped, ["kidnapping"] = CasualtyKind.Kidnapped, ["abducted"] = CasualtyKind.Kidnapped,
            ["abducting"] = CasualtyKind.Kidnapped, ["hostage"] = CasualtyKind.Kidnapped, ["hostages"] = CasualtyKind.Kidnapped,
        };
        _triggers = triggers.GetAlternateLookup<ReadOnlySpan<char>>();
        // Words allowed between a figure (with its noun) and a trigger after it: "were", "have been", "reportedly".
        _bridges = new HashSet<string>(["were", "was", "are", "is", "have", "has", "had", "been", "be", "reportedly", "reported", "confirmed",
            "believed", "feared", "left", "later", "also", "now", "still", "being", "and", "at", "least", "people", "others", "more"],
            StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _events = new HashSet<string>(["attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion", "explosions", "strike",
            "strikes", "airstrike", "airstrikes", "raid", "raids", "ambush", "assault", "shooting", "shootings", "shelling", "clash", "clashes",
            "fighting", "battle", "offensive", "violence", "massacre", "rampage", "crash", "fire", "earthquake", "flood", "floods", "storm",
            "cyclone", "riot", "riots", "protest", "protests", "siege", "war", "operation"],
            StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name => "casualties";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences, Layers.Quantities];
    public IReadOnlyList<string> Produces => [Layers.Casualties];

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        var text = document.Text;
        int first = 0;
        foreach (var q in document.Quantities)
        {
            if (q.Kind != QuantityKind.Cardinal || q.Unit is not null && !IsPersonLike(q.Unit)) continue;
            while (first < tokens.Length && tokens[first].End <= q.Start) first++;
            int last = first;
            while (last < tokens.Length && tokens[last].Start < q.End) last++;
            int sentence = document.SentenceOfToken(first);
            if (sentence < 0) continue;
            var s = document.Sentences[sentence];
            int trigger = -1;
            var kind = CasualtyKind.Killed;
            // Before: "killed 130 people", "wounding at least 12", "death toll rose to 50".
            if (first - 1 >= s.TokenStart && _triggers.TryGetValue(Word(text, tokens[first - 1]), out var before) && IsVerbLike(text, tokens[first - 1]))
            {
                trigger = first - 1;
                kind = before;
            }
            else
            {
                for (int k = first - 1; k >= s.TokenStart && k >= first - 6; k--)
                {
                    if (Word(text, tokens[k]).Equals("toll", StringComparison.OrdinalIgnoreCase))
                    {
                        trigger = k;
                        kind = CasualtyKind.Dead;
                        break;
                    }
                }
            }
            // After: skip the counted noun and its modifiers, then bridge words, to the casualty word.
            if (trigger < 0)
            {
                for (int k = last; k < s.TokenEnd && k < last + 7; k++)
                {
                    var w = Word(text, tokens[k]);
                    if (_triggers.TryGetValue(w, out var after))
                    {
                        trigger = k;
                        kind = after;
                        break;
                    }
                    if (tokens[k].Kind != TokenKind.Word || _events.Contains(w)) break;
                    // The counted noun and its modifiers come first ("130 Iraqi troops"), then only bridge words.
                    if (_bridges.Contains(w) || k < last + 3) continue;
                    break;
                }
            }
            if (trigger < 0) continue;
            ref readonly var tt = ref tokens[trigger];
            document.Casualties.Add(new Casualty
            {
                QuantityId = q.Id,
                Kind = kind,
                Count = q.Value,
                Trigger = new Mention(tt.Start, tt.End, text.Substring(tt.Start, tt.Length)),
                Event = FindEvent(text, tokens, s.TokenStart, Math.Min(trigger, first)),
            });
        }
    }

    private Mention? FindEvent(string text, ReadOnlySpan<TokenData> tokens, int sentenceStart, int before)
    {
        for (int k = before - 1; k >= sentenceStart; k--)
        {
            ref readonly var t = ref tokens[k];
            if (_events.Contains(Word(text, t))) return new Mention(t.Start, t.End, text.Substring(t.Start, t.Length));
        }
        return null;
    }

    private static ReadOnlySpan<char> Word(string text, in TokenData t) => t.Norm is { } n ? n.AsSpan() : text.AsSpan(t.Start, t.Length);

    /// <summary>"killed 130" but not "the dead 130": a verb form, or a tagger that says VERB.</summary>
    private static bool IsVerbLike(string text, in TokenData t) =>
        t.Pos is Upos.None or Upos.VERB || t.Pos == Upos.ADJ && Word(text, t).EndsWith("ed", StringComparison.OrdinalIgnoreCase);

    /// <summary>Counted things that can be casualties; objects ("tanks", "buildings") are not.</summary>
    private static bool IsPersonLike(string unit) => unit is "person" or "people" or "civilian" or "soldier" or "troop" or "fighter"
        or "militant" or "child" or "woman" or "man" or "police" or "policeman" or "officer" or "member" or "worker" or "resident"
        or "villager" or "student" or "passenger" or "pilgrim" or "protester" or "demonstrator" or "rebel" or "insurgent" or "gunman"
        or "militiaman" or "guard" or "journalist" or "tourist" or "migrant" or "refugee" or "prisoner" or "hostage" or "citizen"
        or "national" or "employee" or "staff" or "personnel" or "victim" or "casualty" or "attacker" or "bomber" or "jihadist"
        or "combatant" or "serviceman" or "marine" or "sailor" or "crew" or "crewman" or "fisherman" or "farmer" or "miner"
        or "teacher" or "doctor" or "nurse" or "patient" or "pupil" or "infant" or "baby" or "girl" or "boy" or "family" or "other"
        or "american" or "british" or "iraqi" or "syrian" or "afghan" or "israeli" or "palestinian";
}
