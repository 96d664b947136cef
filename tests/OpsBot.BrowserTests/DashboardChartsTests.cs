using System.Net.Http.Json;
using Microsoft.Playwright;

namespace OpsBot.BrowserTests;

/// <summary>The dashboard's charts in a browser, drawn from the checks' stored series during the S1 drill.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardChartsTests(Chromium chromium)
{
    [Fact]
    public async Task DashboardCharts_AfterChecksRan_DrawTheRestartingWorkloadsLine_TheCertificatesBars_AndTheChecksRuns()
    {
        await using var server = new ConsoleServer();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        await RunAsync(http, "/drill start s01-frontend-memory-leak");
        await RunAsync(http, "/checks run restart-trend");
        for (var step = 0; step < 4; step++)
        {
            await RunAsync(http, "/drill advance 5m");
            await RunAsync(http, "/checks run restart-trend");
        }

        await RunAsync(http, "/checks run cert-expiry");

        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/dashboard");

        var frontend = page.Locator("#charts-restarts svg path.series[data-workload='ecommerce-production deployment/frontend']");
        await Assertions.Expect(frontend).ToHaveCountAsync(1);
        var line = await frontend.GetAttributeAsync("d");
        Assert.True(line!.Split('L').Length >= 3, $"the frontend's line joins its samples: {line}");
        Assert.True(await page.Locator("#charts-restarts svg circle.point").CountAsync() >= 1);
        await Assertions.Expect(page.Locator("#charts-restarts svg")).ToContainTextAsync("ecommerce-production deployment/frontend");

        var shop = page.Locator("#charts-certificates svg rect.bar[data-certificate='ecommerce-production/shop-tls']");
        await Assertions.Expect(shop).ToHaveCountAsync(1);
        Assert.True(double.Parse((await shop.GetAttributeAsync("width"))!, System.Globalization.CultureInfo.InvariantCulture) > 10);
        await Assertions.Expect(page.Locator("#charts-certificates svg")).ToContainTextAsync("d left");

        var checks = page.Locator("#charts-checks tbody tr");
        await Assertions.Expect(checks).ToHaveCountAsync(3);
        await Assertions.Expect(checks.Filter(new() { HasText = "restart-trend" })).ToContainTextAsync("(console:alice)");
        await Assertions.Expect(checks.Filter(new() { HasText = "digest" })).ToContainTextAsync("never");
    }

    private static async Task RunAsync(HttpClient http, string text)
    {
        using var response = await http.PostAsJsonAsync("/api/console/commands", new { text, user = "alice", channel = "incident" });
        response.EnsureSuccessStatusCode();
    }
}
