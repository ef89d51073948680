namespace Sitrep;

/// <summary>Names of the annotation layers stages read and write; a builder checks that each requirement is produced earlier.</summary>
public static class Layers
{
    public const string Tokens = "tokens";
    public const string Sentences = "sentences";
    public const string Pos = "pos";
    public const string Lemmas = "lemmas";
    public const string Dependencies = "dependencies";
    public const string Entities = "entities";
    public const string Times = "times";
    public const string Quantities = "quantities";
    public const string Casualties = "casualties";
    public const string Quotes = "quotes";
    public const string Places = "places";
    public const string Events = "events";
}

/// <summary>One pipeline component: reads what earlier stages wrote on the document and adds its own layer.</summary>
public interface IStage
{
    string Name { get; }
    IReadOnlyList<string> Requires { get; }
    IReadOnlyList<string> Produces { get; }
    /// <summary>Annotates <paramref name="document"/>. Must be thread-safe: one stage instance serves many documents at once.</summary>
    void Process(Document document);
}
