using System.IO.Compression;
using System.Text;
using Sitrep.Ingest.Feeds;
using Sitrep.Ingest.Warc;

namespace Sitrep.Ingest.Tests;

public sealed class FeedAndWarcTests
{
    private const string Body = "KABUL • Afghan forces repelled an attack on a checkpoint in Helmand province on Monday, officials said. Three attackers were killed.";

    [Fact]
    public void Atom_entries_become_articles_with_the_feed_metadata()
    {
        var atom = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Frontier Wire</title>
              <entry><title>Checkpoint attack repelled</title><link rel="alternate" href="https://example.org/helmand"/>
                <published>2016-10-24T08:30:00Z</published><author><name>Sam Reporter</name></author>
                <content type="html">&lt;p&gt;{Body}&lt;/p&gt;</content></entry>
            </feed>
            """;
        var items = new FeedReader().Read(Encoding.UTF8.GetBytes(atom), "wire.atom");
        var item = Assert.Single(items);
        var doc = Assert.Single(item.Read(new ArticleReader())).Document!;
        Assert.Contains("Afghan forces repelled an attack", doc.Text);
        Assert.Equal(("https://example.org/helmand", "Frontier Wire", "Checkpoint attack repelled"), (doc.Metadata.Url, doc.Metadata.Publisher, doc.Metadata.Title));
        Assert.Equal(new DateTimeOffset(2016, 10, 24, 8, 30, 0, TimeSpan.Zero), doc.Metadata.Published);
        Assert.Equal("wire.atom#1", item.Source);
    }

    [Fact]
    public void Feed_with_a_doctype_is_refused_before_any_entity_is_expanded()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><item><description>&b;</description></item></channel></rss>";
        var e = Assert.Throws<SitrepInputException>(() => new FeedReader().Read(Encoding.UTF8.GetBytes(xml), "bomb.rss"));
        Assert.StartsWith("refused: the feed declares a DTD", e.Reason);
    }

    [Fact]
    public void Malformed_feed_and_non_feed_xml_are_input_errors()
    {
        Assert.Contains("malformed feed XML", Assert.Throws<SitrepInputException>(() => new FeedReader().Read("<rss><channel><item>"u8.ToArray(), "cut.rss")).Reason);
        Assert.Contains("not an RSS or Atom feed", Assert.Throws<SitrepInputException>(() => new FeedReader().Read("<svg></svg>"u8.ToArray(), "x.xml")).Reason);
    }

    private static byte[] Record(string type, string uri, byte[] block, string contentType) =>
        Encoding.ASCII.GetBytes($"WARC/1.0\r\nWARC-Type: {type}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {contentType}\r\nContent-Length: {block.Length}\r\n\r\n")
            .Concat(block).Concat("\r\n\r\n"u8.ToArray()).ToArray();

    [Fact]
    public void Plain_warc_response_with_chunked_body_is_read_and_other_records_are_skipped()
    {
        using var dir = new TempDir();
        var html = Encoding.UTF8.GetBytes($"<html><head><title>Helmand</title></head><body><article><p>{Body}</p></article></body></html>");
        var chunked = Encoding.ASCII.GetBytes($"{html.Length - 10:x}\r\n").Concat(html[..^10]).Concat(Encoding.ASCII.GetBytes("\r\na\r\n")).Concat(html[^10..]).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();
        var http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray().Concat(chunked).ToArray();
        var warc = Record("warcinfo", "", "software: test\r\n"u8.ToArray(), "application/warc-fields")
            .Concat(Record("response", "https://example.org/img.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"u8.ToArray(), "application/http; msgtype=response"))
            .Concat(Record("response", "https://example.org/helmand", http, "application/http; msgtype=response")).ToArray();
        var path = dir.File("crawl.warc");
        File.WriteAllBytes(path, warc);
        var articles = new WarcReader().Articles(path).ToList();
        var a = Assert.Single(articles);
        Assert.Equal($"{path}#3", a.Source);
        var doc = Assert.Single(a.Read(new ArticleReader())).Document!;
        Assert.Contains("Three attackers were killed.", doc.Text);
        Assert.Equal("https://example.org/helmand", doc.Metadata.Url);
    }

    [Fact]
    public void Gzip_warc_cut_short_yields_its_complete_records_then_a_truncation_error()
    {
        using var dir = new TempDir();
        var html = Encoding.UTF8.GetBytes($"<html><body><article><p>{Body}</p></article></body></html>");
        var http = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {html.Length}\r\n\r\n").Concat(html).ToArray();
        using var ms = new MemoryStream();
        for (int i = 0; i < 3; i++)
        {
            using var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true);
            gz.Write(Record("response", $"https://example.org/{i}", http, "application/http; msgtype=response"));
        }
        var bytes = ms.ToArray();
        var path = dir.File("cut.warc.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);
        var seen = new List<RawArticle>();
        var e = Assert.Throws<SitrepInputException>(() => { foreach (var a in new WarcReader().Articles(path)) seen.Add(a); });
        Assert.Equal(2, seen.Count);
        Assert.Contains("truncated", e.Reason);
    }

    [Fact]
    public void File_that_is_not_warc_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("fake.warc");
        File.WriteAllText(path, "hello world\n");
        Assert.Contains("not a WARC record", Assert.Throws<SitrepInputException>(() => new WarcReader().Articles(path).ToList()).Reason);
    }
}
