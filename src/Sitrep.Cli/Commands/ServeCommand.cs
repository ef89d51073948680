using System.CommandLine;
using Sitrep.Server;

namespace Sitrep.Cli.Commands;

/// <summary>
/// `sitrep serve [--db FILE|URL] [--urls URLS] [--api-key KEY]`: the HTTP API and the web page over the store,
/// on loopback unless --urls says otherwise. SITREP_API_KEY sets the key when --api-key is absent.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "Store: a SQLite file (default ./sitrep.db) or a postgres:// URL (also SITREP_DB)" };
        var urls = new Option<string>("--urls") { Description = "Listen addresses, ';'-separated", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var apiKey = new Option<string?>("--api-key") { Description = "Require this key (X-Api-Key or Authorization: Bearer) on POST endpoints (also SITREP_API_KEY)" };
        var maxBody = new Option<long>("--max-body") { Description = "Largest accepted request body in bytes", DefaultValueFactory = _ => 2 * 1024 * 1024 };
        var command = new Command("serve", "Serve the HTTP API and the web page") { db, urls, apiKey, maxBody };
        command.SetAction(parse =>
        {
            var listen = parse.GetValue(urls)!;
            foreach (var url in listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new UsageException($"--urls: '{url}' is not an http:// or https:// address");
            long limit = parse.GetValue(maxBody);
            if (limit < 1024) throw new UsageException("--max-body: must be at least 1024 bytes");
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("SITREP_API_KEY");
            if (key is not null && key.Length == 0) key = null;
            Storage.IStore store;
            try { store = Storage.StoreFactory.OpenAsync(parse.GetValue(db)).GetAwaiter().GetResult(); }
            catch (Storage.StoreException e) { throw new SitrepInputException(Storage.StoreFactory.Resolve(parse.GetValue(db)), e.Message); }
            var options = new ServerOptions
            {
                Store = store,
                Urls = listen,
                ApiKey = key,
                MaxBodyBytes = limit,
                Pipeline = Pipelines.Extraction(),
            };
            var app = SitrepServer.Build(options);
            app.Lifetime.ApplicationStarted.Register(() =>
                Console.Error.WriteLine($"sitrep: serving {store.Description} on {listen}{(key is null ? "" : " (POST needs the API key)")}; Ctrl-C stops"));
            try { app.Run(); }
            finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            return CliRunner.Ok;
        });
        return command;
    }
}
