namespace Sitrep.Ingest.Tests;

/// <summary>Locates test data: the project's own files under Data/, and the shared samples next to the repository.</summary>
internal static class TestFiles
{
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>The repository root: the nearest folder above the test binaries that holds Sitrep.slnx.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Sitrep.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A shared sample (not in the repository); skips the test when it is absent.</summary>
    public static string SharedSample(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "samples", name));
        if (!File.Exists(path)) Assert.Skip($"shared sample not found: {path}");
        return path;
    }

    public static Document Single(IReadOnlyList<ReadResult> results)
    {
        Assert.Single(results);
        Assert.Null(results[0].Error);
        return results[0].Document!;
    }

    public static string Text(Document doc, Region region) => doc.Text[region.Start..region.End];
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sitrep-ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

internal static class DocumentAssert
{
    /// <summary>Offsets are the contract with later stages: every region lies in the text, in order, without overlap.</summary>
    public static void RegionsAreValid(Document doc)
    {
        int previousEnd = 0;
        for (int i = 0; i < doc.Regions.Count; i++)
        {
            var r = doc.Regions[i];
            Assert.InRange(r.Start, previousEnd, doc.Text.Length);
            Assert.InRange(r.End, r.Start + 1, doc.Text.Length);
            previousEnd = r.End;
            if (r.Kind == RegionKind.PullQuoteAttribution)
                Assert.Equal(RegionKind.PullQuote, doc.Regions[r.Of].Kind);
            else
                Assert.Equal(-1, r.Of);
        }
        if (doc.Metadata.DatelineSpan is { } span)
            Assert.Equal(doc.Metadata.Dateline, doc.Slice(span).ToString());
        Assert.Equal(doc.Text.Trim(), doc.Text);
        Assert.DoesNotContain('\r', doc.Text);
    }
}
