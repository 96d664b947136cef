using System.Text;
using k8s;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;
using OpsBot.Kubernetes;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>The real kubectl and OpsBot's rollout algorithms (over the official client) drive rollouts that the controllers carry out.</summary>
public sealed class RolloutTests
{
    private static async Task<ControllerCluster> StartWithTwoRevisionsAsync()
    {
        var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3));
        await c.AdvanceAsync(5);
        (await c.Kubectl.RunAsync("set", "image", "deploy/web", "app=web:2.0")).EnsureSuccess();
        await c.AdvanceAsync(20);
        return c;
    }

    // Lets an external client (kubectl, the OpsBot client) watch while virtual time moves on.
    private static async Task<T> WhileAdvancingAsync<T>(ControllerCluster c, Task<T> task, int maxSeconds = 120)
    {
        for (var i = 0; i < maxSeconds && !task.IsCompleted; i++)
        {
            await Task.Delay(50);
            await c.AdvanceAsync(1);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RolloutUndo_Kubectl_ReusesOldReplicaSetAsRevision3()
    {
        await using var c = await StartWithTwoRevisionsAsync();
        var first = c.ReplicaSets("web")[0];

        var undo = (await c.Kubectl.RunAsync("rollout", "undo", "deploy/web")).EnsureSuccess();
        await c.AdvanceAsync(20);

        Assert.Equal(["deployment.apps/web rolled back"], undo.Lines);
        var sets = c.ReplicaSets("web");
        Assert.Equal(2, sets.Count);
        var reused = c.Store.Get(SimResources.ReplicaSets, "default", ObjectMeta.Name(first));
        Assert.Equal(("3", "1", 3), (ObjectMeta.Annotation(reused, "deployment.kubernetes.io/revision"), ObjectMeta.Annotation(reused, "deployment.kubernetes.io/revision-history"), reused.Int("spec.replicas")));
        Assert.Equal("3", ObjectMeta.Annotation(c.GetDeployment("web"), "deployment.kubernetes.io/revision"));
        Assert.All(c.Pods("web"), p => Assert.Equal("web:1.0", p.Text("spec.containers.0.image")));
        var history = (await c.Kubectl.RunAsync("rollout", "history", "deploy/web")).EnsureSuccess();
        Assert.Equal(["deployment.apps/web ", "REVISION  CHANGE-CAUSE", "2         <none>", "3         <none>"], history.Lines.Where(l => l.Length > 0));
    }

    [Fact]
    public async Task RolloutStatus_Kubectl_WaitsThenReportsSuccess()
    {
        await using var c = await StartWithTwoRevisionsAsync();
        c.Kubelet.StartDelay = TimeSpan.FromSeconds(3);
        (await c.Kubectl.RunAsync("set", "image", "deploy/web", "app=web:3.0")).EnsureSuccess();

        var status = await WhileAdvancingAsync(c, c.Kubectl.RunAsync("rollout", "status", "deploy/web", "--timeout=60s"));

        status.EnsureSuccess();
        Assert.Contains("Waiting for deployment \"web\" rollout to finish", status.StdOut, StringComparison.Ordinal);
        Assert.Equal("deployment \"web\" successfully rolled out", status.Lines[^1]);
    }

    [Fact]
    public async Task Scale_Kubectl_ControllersFollowReplicas()
    {
        await using var c = await StartWithTwoRevisionsAsync();

        (await c.Kubectl.RunAsync("scale", "deploy/web", "--replicas=5")).EnsureSuccess();
        await c.AdvanceAsync(5);

        Assert.Equal(5, c.Pods("web").Count);
        var d = c.GetDeployment("web");
        Assert.Equal((5, 5), (d.Int("status.availableReplicas"), d.Int("status.updatedReplicas")));
        var current = c.ReplicaSets("web").Single(rs => rs.Int("spec.replicas") > 0);
        Assert.Equal("5", ObjectMeta.Annotation(current, "deployment.kubernetes.io/desired-replicas"));
        Assert.Contains(c.Events("ScalingReplicaSet"), e => e.Text("message") == $"Scaled up replica set {ObjectMeta.Name(current)} from 3 to 5");
    }

    [Fact]
    public async Task RolloutUndoAndWait_OpsBotClient_RollsBackAndCompletes()
    {
        await using var c = await StartWithTwoRevisionsAsync();
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(c.Simulator.RenderKubeconfig()));
        using var client = KubernetesClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));

        var undo = await client.RolloutUndoAsync("web", "default");
        var done = await WhileAdvancingAsync(c, client.WaitForRolloutAsync("web", "default", TimeSpan.FromSeconds(60), TimeProvider.System));

        Assert.True(undo.RolledBack);
        Assert.Equal(1, undo.TargetRevision);
        Assert.True(done.Done, done.Message);
        Assert.Equal("deployment \"web\" successfully rolled out", done.Message);
        Assert.Equal("3", ObjectMeta.Annotation(c.GetDeployment("web"), "deployment.kubernetes.io/revision"));
        var history = await client.RolloutHistoryAsync("web", "default");
        Assert.Equal([2L, 3L], history.Select(h => h.Revision));
    }
}
