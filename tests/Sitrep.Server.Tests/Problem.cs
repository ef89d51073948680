using System.Net;
using System.Text.Json;

namespace Sitrep.Server.Tests;

/// <summary>Reads an RFC 7807 problem-details response and checks its shape.</summary>
public static class Problem
{
    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("detail").GetString()));
        Assert.Equal(field, root.GetProperty("field").GetString());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return root;
    }
}
