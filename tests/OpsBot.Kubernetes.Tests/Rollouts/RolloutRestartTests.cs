using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Tests.Client;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Rollouts;

public sealed class RolloutRestartTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task RolloutRestart_StampsRestartedAtWithStrategicMergePatch()
    {
        await using var server = await LoopbackServer.StartAsync();
        new FakeDeploymentApi().Serve(server);
        using var client = server.CreateClient();

        await client.RolloutRestartAsync("web", "shop", new FixedTime(new DateTimeOffset(2026, 11, 22, 3, 4, 5, TimeSpan.Zero)));

        var patch = Assert.Single(server.Requests, r => r.Method == "PATCH");
        Assert.StartsWith("application/strategic-merge-patch+json", patch.ContentType);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-22T03:04:05Z"}}}}}"""),
            JsonNode.Parse(patch.Body)));
    }

    [Fact]
    public async Task RolloutRestart_Paused_IsRefused()
    {
        await using var server = await LoopbackServer.StartAsync();
        var api = new FakeDeploymentApi();
        api.Deployment["spec"]!["paused"] = true;
        api.Serve(server);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RolloutException>(() => client.RolloutRestartAsync("web", "shop", TimeProvider.System));

        Assert.Equal("can't restart paused deployment (run rollout resume first)", error.Message);
    }
}
