namespace Sitrep.Server;

/// <summary>How `sitrep serve` runs: where it listens, what it accepts, and the pipeline and store it serves.</summary>
public sealed record ServerOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Semicolon-separated listen addresses; loopback unless the caller says otherwise.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>When set, POST endpoints require it in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Largest request body accepted; larger ones get 413 before they are read.</summary>
    public long MaxBodyBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Time allowed for one request before it is cancelled with 503.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The extraction pipeline run by POST /api/extract and POST /api/documents.</summary>
    public required Pipeline Pipeline { get; init; }

    /// <summary>The store the GET endpoints read and POST /api/documents writes; without one only /api/extract is served.</summary>
    public Storage.IStore? Store { get; init; }

    /// <summary>Compute the unfiltered map and timeline in the background at start (off in tests that count queries).</summary>
    public bool WarmAggregates { get; init; } = true;

    /// <summary>Where the built web page lives; defaults to <c>wwwroot</c> next to the assembly.</summary>
    public string? WebRoot { get; init; }
}
