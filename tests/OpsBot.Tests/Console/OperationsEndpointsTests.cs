using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpsBot.Tests.Console;

public sealed class OperationsEndpointsTests
{
    [Fact]
    public async Task Healthz_AndReadyz_ReportProcessAndCluster()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var health = await client.GetStringAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");
        var body = await ready.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("ok", health);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok", (string?)body!["checks"]!["cluster"]);
    }
}
