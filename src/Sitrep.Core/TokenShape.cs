namespace Sitrep;

/// <summary>Coarse orthographic class of a token, set by the tokenizer.</summary>
public enum TokenKind : byte
{
    Word = 0,
    Number,
    Punctuation,
    Symbol,
    Url,
    Email,
    Other,
}

[Flags]
public enum TokenFlags : byte
{
    None = 0,
    /// <summary>Whitespace follows the token in the text (UD's SpaceAfter).</summary>
    SpaceAfter = 1,
    /// <summary>A line break lies between this token and the next.</summary>
    NewlineAfter = 2,
    /// <summary>The token starts a sentence.</summary>
    SentenceStart = 4,
}
