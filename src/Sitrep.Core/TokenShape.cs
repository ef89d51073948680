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
    /// <summary>A blank line (paragraph break) lies between this token and the next.</summary>
    ParagraphAfter = 4,
    /// <summary>The token is a piece of a multiword surface token (do|n't of "don't") and is not its last piece.</summary>
    InsideWord = 8,
    /// <summary>The token starts a sentence.</summary>
    SentenceStart = 16,
}
