using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Sitrep.Cli;

[assembly: AssemblyFixture(typeof(Sitrep.Server.Tests.ServerFixture))]

namespace Sitrep.Server.Tests;

/// <summary>
/// One real server for the test assembly: the extraction pipeline the CLI uses, a fresh SQLite store in a temporary
/// folder, Kestrel on a free loopback port, and an API key so the 401 paths can be checked.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key-123";
    public const long MaxBody = 256 * 1024;

    private WebApplication? _app;

    public string Folder { get; } = Directory.CreateTempSubdirectory("sitrep-server-tests-").FullName;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public Storage.IStore Store { get; private set; } = null!;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string SeedArticle => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "samples", "straits-times-2016-10-27-mosul-raqqa.txt"));

    public async ValueTask InitializeAsync()
    {
        Store = await Storage.StoreFactory.OpenAsync(Path.Combine(Folder, "sitrep.db"));
        await SyntheticEvents.SeedAsync(Store);
        _app = SitrepServer.Build(new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            ApiKey = ApiKey,
            MaxBodyBytes = MaxBody,
            Pipeline = Pipelines.Extraction(),
            Store = Store,
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Store is not null) await Store.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public HttpRequestMessage Post(string path, string body, string contentType, string? key = ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Sitrep.slnx not found above " + AppContext.BaseDirectory);
    }
}
