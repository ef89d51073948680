namespace Sitrep.Ingest;

/// <summary>Plain text: the whole input is one article; everything about it comes from the text itself.</summary>
public sealed class PlainTextReader
{
    private readonly ArticleAssembler _assembler;

    public PlainTextReader(ArticleAssembler assembler) => _assembler = assembler ?? throw new ArgumentNullException(nameof(assembler));

    public Document Read(string decodedText, string source)
    {
        var text = TextNormalizer.Normalize(decodedText);
        if (text.Length == 0) throw new SitrepInputException(source, "empty file (only whitespace)");
        return _assembler.Assemble(text, new DocumentMetadata(), source);
    }
}
