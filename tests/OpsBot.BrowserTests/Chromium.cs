using Microsoft.Playwright;

namespace OpsBot.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright's .NET driver (the node driver inside the package: nothing is
/// downloaded, no <c>playwright install</c>). Missing Chromium fails the tests, never skips them.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var why = Environment.GetEnvironmentVariable("CI") == "true"
                ? "CI=true: .ci/run installs it (apt-get install chromium); the browser tests cannot run without it."
                : "install it with: sudo apt-get install chromium";
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ExecutablePath}, which is missing; {why}");
        }

        // A shared, busy test machine: give the page time to poll and render before an expectation fails.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}
