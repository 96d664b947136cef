using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Rollouts;

/// <summary><c>kubectl rollout status</c>'s wait, on the official client's watch (<c>WatchListNamespacedDeploymentAsync</c>).</summary>
public sealed class WaitForRolloutTests
{
    private static string Deployment(string resourceVersion, int updated, int available) => new JsonObject
    {
        ["kind"] = "Deployment",
        ["apiVersion"] = "apps/v1",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "shop", ["generation"] = 2, ["resourceVersion"] = resourceVersion },
        ["spec"] = new JsonObject { ["replicas"] = 2 },
        ["status"] = new JsonObject { ["observedGeneration"] = 2, ["replicas"] = 2, ["updatedReplicas"] = updated, ["availableReplicas"] = available },
    }.ToJsonString();

    [Fact]
    public async Task WaitForRollout_WatchEndsBeforeDone_ResumesFromANewReadUntilDone()
    {
        await using var server = await LoopbackServer.StartAsync();
        var watches = 0;
        server.Handler = async context =>
        {
            if (context.Request.Query["watch"] != "true")
            {
                await ApiResponses.Json(context, Deployment(watches == 0 ? "10" : "11", updated: 1, available: 1));
                return;
            }

            context.Response.ContentType = "application/json";
            if (++watches == 1)
            {
                // The server ends the first watch (its timeout) with the rollout still going.
                await context.Response.WriteAsync($$"""{"type":"MODIFIED","object":{{Deployment("11", 2, 1)}}}""" + "\n");
                return;
            }

            await context.Response.WriteAsync("""{"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":"12"}}}""" + "\n");
            await context.Response.WriteAsync($$"""{"type":"MODIFIED","object":{{Deployment("13", 2, 2)}}}""" + "\n");
        };
        using var client = server.CreateClient();

        var status = await client.WaitForRolloutAsync("web", "shop", TimeSpan.FromSeconds(30), TimeProvider.System);

        Assert.True(status.Done, status.Message);
        Assert.Equal("deployment \"web\" successfully rolled out", status.Message);
        var watchRequests = server.Requests.Where(r => r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, watchRequests.Count);
        Assert.Contains("fieldSelector=metadata.name%3Dweb", watchRequests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("resourceVersion=10", watchRequests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("resourceVersion=11", watchRequests[1].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForRollout_Deadline_ReturnsTheLastStatusNotDone()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = async context =>
        {
            if (context.Request.Query["watch"] != "true")
            {
                await ApiResponses.Json(context, Deployment("10", updated: 1, available: 1));
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        };
        using var client = server.CreateClient();

        var status = await client.WaitForRolloutAsync("web", "shop", TimeSpan.FromMilliseconds(500), TimeProvider.System);

        Assert.False(status.Done);
        Assert.False(status.Failed);
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...", status.Message);
    }
}
