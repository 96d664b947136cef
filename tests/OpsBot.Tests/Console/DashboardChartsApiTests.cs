using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using OpsBot.Console;
using OpsBot.Tests.Checks;

namespace OpsBot.Tests.Console;

/// <summary><c>GET /api/dashboard/charts</c> and the SVG it carries: drawn from the stored series, labels escaped, behind the token.</summary>
public sealed class DashboardChartsApiTests
{
    [Fact]
    public async Task Charts_AfterCertExpiry_DrawEachCertificatesDaysLeft_AndSayNoRestartsYet()
    {
        await using var host = CheckHost.Start();
        await host.Console.RunAsync("/checks run cert-expiry");
        await host.Console.RunAsync("/checks run restart-trend");
        using var http = host.Host.CreateClient();

        var charts = (await http.GetFromJsonAsync<JsonObject>("/api/dashboard/charts"))!;

        var shop = charts["certificates"]!["items"]!.AsArray().Single(item => (string?)item!["label"] == "ecommerce-production/shop-tls")!;
        Assert.InRange((double)shop["daysLeft"]!, 59, 60);
        var bars = XDocument.Parse((string)charts["certificates"]!["svg"]!);
        Assert.Contains(bars.Descendants(Svg("rect")), rect => (string?)rect.Attribute("data-certificate") == "ecommerce-production/shop-tls");
        Assert.Empty(charts["restarts"]!["workloads"]!.AsArray());
        Assert.Contains("No restarts in the sampled window.", (string)charts["restarts"]!["svg"]!, StringComparison.Ordinal);
        var checks = charts["checks"]!.AsArray().Select(check => (string?)check!["name"]).ToList();
        Assert.Equal(["cert-expiry", "restart-trend", "digest"], checks);
        Assert.Equal("console:alice", (string?)charts["checks"]![0]!["trigger"]);
        Assert.NotNull((string?)charts["checks"]![0]!["nextRun"]);
    }

    [Fact]
    public async Task Charts_TokenConfigured_RequireIt()
    {
        await using var host = new OpsBotHost(("Console:Token", "chart-token-789"));
        using var http = host.CreateClient();

        using var response = await http.GetAsync("/api/dashboard/charts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Svg_HostileLabels_AreEscaped_AndTheDocumentStaysWellFormed()
    {
        const string Hostile = "ns deployment/<script>alert(\"x\")</script>&'";
        var now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

        var lines = DashboardChartSvg.RestartLines([new DashboardRestartLine(Hostile, [(now.AddMinutes(-10), 0), (now.AddMinutes(-5), 3), (now, 7)])], now.AddMinutes(-10), now);
        var bars = DashboardChartSvg.CertificateBars([new DashboardCertificateBar(Hostile, -2.5), new DashboardCertificateBar("ns/ok", 45)], 90);

        foreach (var svg in new[] { lines, bars })
        {
            Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
            var document = XDocument.Parse(svg);
            Assert.Empty(document.Descendants(Svg("script")));
            Assert.Contains(document.Descendants(), element => element.Attributes().Any(attribute => attribute.Value == Hostile));
        }

        var path = XDocument.Parse(lines).Descendants(Svg("path")).Single();
        Assert.Equal("M44 172 L336 103.4 L628 12", (string?)path.Attribute("d"));
        Assert.Contains("expired 2 d ago", bars, StringComparison.Ordinal);
        Assert.Contains("45 d left", bars, StringComparison.Ordinal);
    }

    private static XName Svg(string name) => XName.Get(name, "http://www.w3.org/2000/svg");
}
