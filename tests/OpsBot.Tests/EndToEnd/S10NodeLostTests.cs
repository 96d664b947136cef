namespace OpsBot.Tests.EndToEnd;

/// <summary>S10: the kubelet of ip-10-0-3-33 stops; its pods must move to the other nodes.</summary>
public sealed class S10NodeLostTests
{
    private const string Node = "ip-10-0-3-33.ec2.internal";

    public const string Scenario = "s10-node-lost";

    [Fact]
    public async Task CordonThenDrainFromTriage_ApprovedByBob_PodsRunOnTheOtherNodes()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await RunAsync(drill);
    }

    /// <summary>The steps after <c>/drill start</c>; <c>InClusterRbacTests</c> runs them too, in-cluster with the manifests' RBAC.</summary>
    internal static async Task RunAsync(EndToEndConsole drill)
    {
        await drill.AdvanceAsync("210s");
        var lost = (await drill.TableAsync("/k8s nodes")).Single(node => node["NAME"] == Node);
        Assert.Contains("Unknown", lost["STATUS"], StringComparison.Ordinal);
        Assert.Contains(await drill.PodsAsync(), pod => (string?)pod["node"] == Node);

        var triage = await drill.TriageAsync("/triage", "NodeLost", $"node/{Node}");
        Assert.Equal([$"/k8s cordon node/{Node}", $"/k8s drain node/{Node}"], triage.Commands("cordon-drain"));

        var cordon = await drill.PressSuggestedAsync(triage, $"/k8s cordon node/{Node}");
        await drill.ApproveAsync(cordon);
        await drill.WaitForSucceededAsync(cordon);
        var drain = await drill.PressSuggestedAsync(triage, $"/k8s drain node/{Node}");
        await drill.ApproveAsync(drain);
        await drill.WaitForSucceededAsync(drain);

        await drill.AdvanceAsync("5m");
        var nodes = await drill.TableAsync("/k8s nodes");
        Assert.Contains("SchedulingDisabled", nodes.Single(node => node["NAME"] == Node)["STATUS"], StringComparison.Ordinal);
        var pods = await drill.PodsAsync();
        Assert.DoesNotContain(pods, pod => (string?)pod["node"] == Node);
        Assert.All(pods, pod => Assert.True((string?)pod["status"] == "Running" && !(bool)pod["problem"]!, $"pod {pod["name"]}: {pod["status"]} on {pod["node"]}"));
        await drill.AssertAuditedAsync(cordon);
        await drill.AssertAuditedAsync(drain);
    }
}
