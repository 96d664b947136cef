using System.Text.Json.Nodes;
using k8s;
using OpsBot.Kubernetes.Tests.Client;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Rollouts;

public sealed class RolloutUndoTests
{
    private static async Task<(LoopbackServer Server, FakeDeploymentApi Api, IKubernetes Client)> StartAsync(Action<FakeDeploymentApi>? arrange = null)
    {
        var server = await LoopbackServer.StartAsync();
        var api = new FakeDeploymentApi();
        arrange?.Invoke(api);
        api.Serve(server);
        return (server, api, server.CreateClient());
    }

    private static JsonArray PatchOf(LoopbackServer server)
    {
        var patch = Assert.Single(server.Requests, r => r.Method == "PATCH");
        Assert.StartsWith("application/json-patch+json", patch.ContentType);
        return JsonNode.Parse(patch.Body)!.AsArray();
    }

    [Fact]
    public async Task RolloutUndo_Default_RestoresPreviousRevisionTemplateWithoutHashLabel()
    {
        var (server, _, client) = await StartAsync();
        await using var _server = server;

        var result = await client.RolloutUndoAsync("web", "shop");

        Assert.True(result.RolledBack);
        Assert.Equal("rolled back", result.Message);
        Assert.Equal(2, result.TargetRevision);
        var patch = PatchOf(server);
        Assert.Equal("replace", (string?)patch[0]!["op"]);
        Assert.Equal("/spec/template", (string?)patch[0]!["path"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"web:v2","resources":{"limits":{"memory":"512Mi"}}}]}}"""),
            patch[0]!["value"]));
        Assert.Equal("/metadata/annotations", (string?)patch[1]!["path"]);
        // Kept from the deployment: revision and last-applied; copied from the RS: everything else it has.
        // The deployment's own "team" annotation is dropped, exactly as kubectl does.
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"deployment.kubernetes.io/revision":"3","kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Deployment\"}","kubernetes.io/change-cause":"deploy v2"}"""),
            patch[1]!["value"]));
    }

    [Fact]
    public async Task RolloutUndo_ToRevision_RestoresThatRevisionAndAddsExtraAnnotations()
    {
        var (server, _, client) = await StartAsync();
        await using var _server = server;

        var result = await client.RolloutUndoAsync("web", "shop", toRevision: 1, extraAnnotations: new Dictionary<string, string> { ["opsbot.io/workflow-id"] = "wf-42" });

        Assert.Equal(1, result.TargetRevision);
        var patch = PatchOf(server);
        Assert.Equal("web:v1", (string?)patch[0]!["value"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("wf-42", (string?)patch[1]!["value"]!["opsbot.io/workflow-id"]);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)] // exists, but in a ReplicaSet this deployment does not control
    [InlineData(8)] // owned, but not as controller
    public async Task RolloutUndo_MissingRevision_FailsWithKubectlMessage(long revision)
    {
        var (server, _, client) = await StartAsync();
        await using var _server = server;

        var error = await Assert.ThrowsAsync<RolloutException>(() => client.RolloutUndoAsync("web", "shop", revision));

        Assert.Equal($"unable to find specified revision {revision} in history", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task RolloutUndo_NoHistory_FailsWithKubectlMessage()
    {
        var (server, _, client) = await StartAsync(api => api.ReplicaSets.RemoveAll(rs => (string?)rs["metadata"]!["name"] != "web-ccc"));
        await using var _server = server;

        var error = await Assert.ThrowsAsync<RolloutException>(() => client.RolloutUndoAsync("web", "shop"));

        Assert.Equal("no rollout history found for deployment \"web\"", error.Message);
    }

    [Fact]
    public async Task RolloutUndo_TemplateAlreadyMatches_SkipsWithoutPatching()
    {
        var (server, _, client) = await StartAsync();
        await using var _server = server;

        var result = await client.RolloutUndoAsync("web", "shop", toRevision: 3);

        Assert.False(result.RolledBack);
        Assert.Equal("skipped rollback (current template already matches revision 3)", result.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task RolloutUndo_Paused_IsRefused()
    {
        var (server, _, client) = await StartAsync(api => api.Deployment["spec"]!["paused"] = true);
        await using var _server = server;

        var error = await Assert.ThrowsAsync<RolloutException>(() => client.RolloutUndoAsync("web", "shop"));

        Assert.Equal("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task RolloutUndo_NegativeRevision_IsRefusedBeforeAnyRequest()
    {
        var (server, _, client) = await StartAsync();
        await using var _server = server;

        var error = await Assert.ThrowsAsync<RolloutException>(() => client.RolloutUndoAsync("web", "shop", -1));

        Assert.Equal("unable to find specified revision -1 in history", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task RolloutHistory_ListsOwnedRevisionsOldestFirstWithChangeCause()
    {
        var (server, _, client) = await StartAsync();
        await using var _server = server;

        var history = await client.RolloutHistoryAsync("web", "shop");

        Assert.Equal([1L, 2L, 3L], history.Select(h => h.Revision));
        Assert.Equal([null, "deploy v2", null], history.Select(h => h.ChangeCause));
    }
}
