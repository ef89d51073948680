namespace Sitrep.Storage;

/// <summary>
/// A database problem a user can act on: unreachable server, wrong password, unreadable, read-only or corrupt file,
/// a schema newer than this program. The message is one line naming the store and the problem.
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The store has an older schema that opening it for writing would migrate (it was opened read-only).</summary>
    public bool OlderSchema { get; init; }
}
