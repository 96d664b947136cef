using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Simulation;

namespace OpsBot.Tests.Console;

public sealed class ConsoleApiTests
{
    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task Commands_KnownUser_AnswersTextMessageAndHtml()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var (status, body) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods -A", user = "alice", channel = "incident" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("all namespaces", (string?)body["text"], StringComparison.Ordinal);
        Assert.NotNull(body["message"]?["blocks"]);
        Assert.StartsWith("<", (string?)body["html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_UnknownUser_IsToldPlainlyAndNothingRuns()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var (status, body) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods", user = "mallory" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You (mallory) have no role in OpsBot", (string?)body["text"], StringComparison.Ordinal);
        Assert.True((bool)body["ephemeral"]!);
    }

    [Theory]
    [InlineData(null, "alice", "\"text\" is required")]
    [InlineData("/k8s pods", null, "\"user\" is required")]
    [InlineData("/k8s pods", "<script>alert(1)</script>", "\"user\" is required")]
    [InlineData("/k8s pods", "../../etc/passwd", "\"user\" is required")]
    public async Task Commands_BadRequest_IsRefusedWithASpecificErrorAndNotReflected(string? text, string? user, string error)
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var (status, body) = await PostAsync(client, "/api/console/commands", new { text, user });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(error, (string?)body["error"], StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_HostileText_IsAnsweredEscaped()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var (status, body) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods <img src=x onerror=alert(1)>", user = "alice" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<img", (string?)body["html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_TooLong_IsRefused()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var (status, body) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods " + new string('a', 5000), user = "alice" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("the limit is 4000", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_MissingIds_AreRefused()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var (status, body) = await PostAsync(client, "/api/console/actions", new { user = "alice" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"actionId\" and \"value\" are required", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_TokenConfigured_RequiresIt()
    {
        await using var host = new OpsBotHost(("Console:Token", "s3cret-console-token"));
        using var client = host.CreateClient();

        var (without, _) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods", user = "alice" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        var (wrong, body) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods", user = "alice" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-console-token");
        var (right, _) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods", user = "alice" });

        Assert.Equal(HttpStatusCode.Unauthorized, without);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.DoesNotContain("s3cret", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right);
    }

    [Fact]
    public async Task Start_ListeningBeyondLoopbackWithoutToken_FailsWithWhatToFix()
    {
        await using var host = new OpsBotHost(("Console:Urls", "http://0.0.0.0:5080"));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Console:Token is required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsServedWithItsScript()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var page = await client.GetStringAsync("/");
        var script = await client.GetStringAsync("/console.js");

        Assert.Contains("<title>OpsBot console</title>", page, StringComparison.Ordinal);
        Assert.Contains("/api/console/commands", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedDefault_LoadsTheEcommerceBaseline()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();
        // The clock is frozen in tests: step the controllers through the first minute.
        await host.Services.GetRequiredService<EmbeddedCluster>().Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(1));

        var (_, body) = await PostAsync(client, "/api/console/commands", new { text = "/k8s pods -n ecommerce-production", user = "alice" });

        var text = (string?)body["text"];
        foreach (var workload in new[] { "frontend-", "checkout-", "payment-", "catalog-", "postgres-", "redis-" })
        {
            Assert.Contains(workload, text, StringComparison.Ordinal);
        }

        Assert.Contains("Running", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownScenario_FailsWithTheKnownOnes()
    {
        await using var host = new OpsBotHost(("Simulator:Scenario", "no-such-drill"));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Simulator:Scenario 'no-such-drill' is not a known scenario; known: ecommerce-baseline", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ReplayDirectoryMissing_FailsNamingTheSetting()
    {
        await using var host = new OpsBotHost(("Simulator:ReplayDirectory", "/nonexistent/opsbot-replays"));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Simulator:ReplayDirectory '/nonexistent/opsbot-replays' does not exist", error.ToString(), StringComparison.Ordinal);
    }
}
