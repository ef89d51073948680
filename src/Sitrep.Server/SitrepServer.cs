using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.FileProviders;
using Sitrep.Json;
using Microsoft.AspNetCore.OpenApi;

namespace Sitrep.Server;

/// <summary>
/// The `sitrep serve` web application: the JSON API under <c>/api</c>, the OpenAPI document at
/// <c>/openapi.json</c> and the built web page at <c>/</c>. Every refused request is answered with
/// RFC 7807 problem details; nothing reaches the client as a stack trace.
/// </summary>
public static class SitrepServer
{
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var webRoot = options.WebRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestTimeouts(t => t.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Sitrep API";
            doc.Info.Description = "News articles to structured situation data (sitrep/1), served from the Sitrep store.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ArticleExtractor(options.Pipeline, options.MaxBodyBytes));
        if (options.Store is { } store)
        {
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton(new Store.EventAggregates(store));
        }

        var app = builder.Build();
        if (options.Store is not null && options.WarmAggregates)
            app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
            {
                try { await app.Services.GetRequiredService<Store.EventAggregates>().WarmAsync(app.Lifetime.ApplicationStopping); }
                catch (Exception e) when (e is OperationCanceledException or Storage.StoreException or Microsoft.Data.Sqlite.SqliteException) { }
            }));
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteException });
        app.UseStatusCodePages(WriteStatusCode);
        app.UseRequestTimeouts();
        app.Use(RequireApiKey(options.ApiKey));

        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapOpenApi("/openapi.json");
        var api = app.MapGroup("/api");
        api.MapPost("/extract", Extract)
            .WithName("Extract")
            .WithSummary("Extract an article (text/plain, text/html or the JSON article form) and return sitrep/1 JSON; stores nothing.")
            .AddOpenApiOperationTransformer(OpenApiBodies.Article)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415);
        if (options.Store is not null) Store.StoreEndpoints.Map(api);
        // Unknown API paths are 404 problems rather than the page's HTML.
        api.Map("/{**rest}", (string? rest) => ApiProblem.Of(404, "path", $"no API endpoint /api/{rest}")).ExcludeFromDescription();
        return app;
    }

    /// <summary>Reads the body (bounded by Kestrel's limit), extracts it and writes sitrep/1 JSON.</summary>
    private static async Task<IResult> Extract(HttpContext http, ArticleExtractor extractor)
    {
        var (body, format) = await ReadArticleBody(http);
        var doc = extractor.Extract(body, format, "request");
        return SitrepJson(doc);
    }

    internal static IResult SitrepJson(Document doc)
    {
        var json = new DocumentJsonWriter(new JsonWriterOptions { Indented = false }).ToJson(doc);
        return Results.Text(json, "application/json", Encoding.UTF8);
    }

    internal static async Task<(byte[] Body, Ingest.InputFormat Format)> ReadArticleBody(HttpContext http)
    {
        var request = http.Request;
        var format = ArticleExtractor.FormatOf(request.ContentType)
            ?? throw new ApiProblemException(415, "Content-Type",
                $"Content-Type '{request.ContentType ?? "(none)"}' is not accepted; send text/plain, text/html or application/json");
        var limit = http.RequestServices.GetRequiredService<ServerOptions>().MaxBodyBytes;
        if (request.ContentLength > limit)
            throw new ApiProblemException(413, "body", $"the body has {request.ContentLength} bytes; the limit is {limit}");
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiProblemException(413, "body", $"the body is larger than the limit of {limit} bytes");
        }
        return (buffer.ToArray(), format);
    }

    private static Func<HttpContext, RequestDelegate, Task> RequireApiKey(string? key)
    {
        var expected = key is null ? null : Encoding.UTF8.GetBytes(key);
        return (http, next) =>
        {
            if (expected is null || !HttpMethods.IsPost(http.Request.Method) && !HttpMethods.IsPut(http.Request.Method) && !HttpMethods.IsDelete(http.Request.Method))
                return next(http);
            string? given = http.Request.Headers["X-Api-Key"].FirstOrDefault();
            var auth = http.Request.Headers.Authorization.FirstOrDefault();
            if (given is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = auth[7..].Trim();
            if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
                return next(http);
            string detail = given is null ? "this endpoint needs an API key in X-Api-Key or Authorization: Bearer" : "the API key is wrong";
            return ApiProblem.Of(401, "X-Api-Key", detail).ExecuteAsync(http);
        };
    }

    private static async Task WriteException(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = error switch
        {
            ApiProblemException p => ApiProblem.Of(p.Status, p.Field, p.Detail),
            Storage.StoreQueryException q => ApiProblem.Of(400, Store.QueryParameters.FieldOf(q), q.Message),
            Storage.StoreException s => ApiProblem.Of(503, "store", s.Message),
            BadHttpRequestException b => ApiProblem.Of(b.StatusCode, "request", b.Message),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => ApiProblem.Of(503, "request", "the request took too long and was cancelled"),
            _ => ApiProblem.Of(500, "server", "the server failed to handle the request; see its log"),
        };
        if (result is IStatusCodeHttpResult { StatusCode: 500 })
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Sitrep.Server").LogError(error, "request failed: {Path}", http.Request.Path);
        await result.ExecuteAsync(http);
    }

    private static Task WriteStatusCode(StatusCodeContext context)
    {
        var http = context.HttpContext;
        int status = http.Response.StatusCode;
        string detail = status switch
        {
            404 => $"nothing at {http.Request.Path}",
            405 => $"{http.Request.Method} is not allowed on {http.Request.Path}",
            _ => ApiProblem.Title(status),
        };
        return ApiProblem.Of(status, status == 405 ? "method" : "path", detail).ExecuteAsync(http);
    }
}

/// <summary>The JSON article form accepted by POST /api/extract and POST /api/documents (for the OpenAPI document).</summary>
public sealed record ArticleForm(string? Id, string? Url, string? Title, string Text, string? Published, string? Publisher);
