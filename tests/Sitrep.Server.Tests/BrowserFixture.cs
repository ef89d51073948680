using Microsoft.Playwright;

namespace Sitrep.Server.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download): skipped with a message when /usr/bin/chromium is
/// absent on a developer machine, a failure when CI=true or SITREP_REQUIRE_BROWSER=1 (.ci/run installs it and sets the latter).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] Flags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }
    public string? Missing { get; private set; }

    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Missing = $"{ChromiumPath} is absent (apt-get install -y chromium); the browser tests need it";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Flags });
    }

    /// <summary>A fresh page at 1400×900, or a skip (locally) / failure (CI) when there is no browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (Browser is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
                || Environment.GetEnvironmentVariable("SITREP_REQUIRE_BROWSER") == "1")
                Assert.Fail(Missing + " (CI=true or SITREP_REQUIRE_BROWSER=1: browser tests must run)");
            Assert.Skip(Missing!);
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot as a test artifact; with SITREP_UPDATE_SCREENSHOTS=1 also into docs/screenshots for the README.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Artifacts, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        TestContext.Current.AddAttachment(name + ".png", await File.ReadAllBytesAsync(path), "image/png");
        if (Environment.GetEnvironmentVariable("SITREP_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Directory.CreateDirectory(Path.Combine(ServerFixture.RepoRoot, "docs", "screenshots")).FullName;
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
