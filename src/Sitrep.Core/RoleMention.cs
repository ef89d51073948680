namespace Sitrep;

/// <summary>
/// A description of a person or group by role rather than name ("a US military official", "Mosul residents",
/// "US Defence Secretary"): its span, the role noun, the country it names (ISO 3166-1 alpha-3) and, when the
/// description titles a named person or mentions a place, that entity's id. Kept for later stages (quote speakers).
/// </summary>
public sealed record RoleMention(int Start, int End, string Text, string Role, string? Country, string? Entity, bool Named);
