using System.Diagnostics;
using System.Text;

namespace Sitrep.Ingest.Tests;

public sealed class BadInputTests
{
    private static SitrepInputException Refused(Func<object> read) => Assert.Throws<SitrepInputException>(read);

    [Fact]
    public void Missing_file_is_reported_as_no_such_file()
    {
        using var dir = new TempDir();
        var path = dir.File("absent.txt");
        var ex = Refused(() => new ArticleReader().ReadFile(path));
        Assert.Equal("no such file", ex.Reason);
        Assert.Equal(path, ex.File);
        Assert.Equal($"{path}: no such file", ex.Message);
    }

    [Fact]
    public void Directory_is_reported_as_a_directory()
    {
        using var dir = new TempDir();
        var ex = Refused(() => new ArticleReader().ReadFile(dir.Path));
        Assert.Equal("is a directory", ex.Reason);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("   \n\t\r\n  ", "empty file (only whitespace)")]
    public void Empty_and_whitespace_only_files_are_refused(string content, string reason)
    {
        using var dir = new TempDir();
        var path = dir.File("empty.txt");
        File.WriteAllText(path, content);
        Assert.Equal(reason, Refused(() => new ArticleReader().ReadFile(path)).Reason);
    }

    [Fact]
    public void Binary_with_NUL_bytes_is_refused()
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 0x20, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4];
        var ex = Refused(() => new ArticleReader().ReadBytes(bytes, "image.txt"));
        Assert.StartsWith("binary file", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_full_of_control_characters_is_refused_as_binary()
    {
        var bytes = new byte[400];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i % 3 == 0 ? 0x01 + i % 7 : 'a');
        var ex = Refused(() => new ArticleReader().ReadBytes(bytes, "data.bin"));
        Assert.Equal("binary file (too many control characters)", ex.Reason);
    }

    [Fact]
    public void A_200MB_file_is_refused_fast_without_being_read()
    {
        using var dir = new TempDir();
        var path = dir.File("huge.txt");
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.SetLength(200L * 1024 * 1024); // sparse on file systems that support it
        }
        var started = Stopwatch.StartNew();
        var ex = Refused(() => new ArticleReader().ReadFile(path));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
        Assert.StartsWith("file too large (209715200 bytes", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_limit_comes_from_options_and_is_exclusive()
    {
        using var dir = new TempDir();
        var path = dir.File("small.txt");
        File.WriteAllText(path, new string('a', 100));
        Assert.Single(new ArticleReader(new IngestOptions { MaxBytes = 100 }).ReadFile(path));
        Assert.StartsWith("file too large", Refused(() => new ArticleReader(new IngestOptions { MaxBytes = 99 }).ReadFile(path)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Streams_are_read_with_a_cap_even_when_their_length_is_unknown()
    {
        var reader = new ArticleReader(new IngestOptions { MaxBytes = 1000 });
        using var big = new UnseekableStream(new MemoryStream(Encoding.ASCII.GetBytes(new string('a', 5000))));
        Assert.Equal("input too large (more than 1000 bytes)", Refused(() => reader.ReadStream(big)).Reason);

        using var ok = new UnseekableStream(new MemoryStream(Encoding.ASCII.GetBytes("Short text from a pipe.")));
        var doc = TestFiles.Single(reader.ReadStream(ok));
        Assert.Equal("-", doc.Metadata.Source);
    }

    [Fact]
    public void HTML_with_no_text_is_refused()
    {
        var ex = Refused(() => new ArticleReader().ReadFile(TestFiles.Data("no-text.html")));
        Assert.Equal("HTML contains no article text", ex.Reason);
    }

    [Fact]
    public void Malformed_JSON_reports_its_line()
    {
        var ex = Refused(() => new ArticleReader().ReadFile(TestFiles.Data("malformed.json")));
        Assert.StartsWith("malformed JSON", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(5, ex.LineNumber);
    }

    [Fact]
    public void JSON_without_text_is_refused()
    {
        var ex = Refused(() => new ArticleReader().ReadFile(TestFiles.Data("missing-text.json")));
        Assert.Equal("JSON record has no \"text\" string", ex.Reason);
    }

    /// <summary>Stands in for standard input and pipes, which cannot report their length.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        // Short reads, like a pipe.
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 300));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
