using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary>kubectl over plain HTTP (no token: client-go sends tokens over TLS only), and workflow-style patch commands.</summary>
public sealed class KubectlHttpTests
{
    [Fact]
    public async Task PlainHttp_RolloutRestartSetImageLabel_Work()
    {
        await using var c = await SeededCluster.StartAsync(https: false);
        const string Ns = SeededCluster.Namespace;

        var restart = (await c.KubectlAsync("rollout", "restart", "deploy/frontend", "-n", Ns)).EnsureSuccess();
        var image = (await c.KubectlAsync("set", "image", "deploy/frontend", "frontend=registry.example.com/shop/frontend:2.14.1", "-n", Ns)).EnsureSuccess();
        var label = (await c.KubectlAsync("label", "deploy", "frontend", "incident=inc-42", "-n", Ns)).EnsureSuccess();
        var get = (await c.KubectlAsync("get", "deploy", "frontend", "-n", Ns, "-o", "jsonpath={.metadata.generation} {.spec.template.spec.containers[0].image} {.metadata.labels.incident}")).EnsureSuccess();

        Assert.Equal(["deployment.apps/frontend restarted"], restart.Lines);
        Assert.Equal(["deployment.apps/frontend image updated"], image.Lines);
        Assert.Equal(["deployment.apps/frontend labeled"], label.Lines);
        Assert.Equal("3 registry.example.com/shop/frontend:2.14.1 inc-42", get.StdOut);
        Assert.NotNull(c.Simulator.Store.Get(new("apps", "v1", "deployments"), Ns, "frontend")["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
    }

    [Fact]
    public async Task GetAll_UsesTheAllCategory()
    {
        await using var c = await SeededCluster.StartAsync(https: false);

        var r = (await c.KubectlAsync("get", "all", "-n", SeededCluster.Namespace, "-o", "name")).EnsureSuccess();

        Assert.Equal(
            [
                "pod/frontend-7d9c8b6f5d-4mnbq", "pod/frontend-7d9c8b6f5d-q8wzt", "pod/frontend-7d9c8b6f5d-x2k9p", "service/frontend",
                "deployment.apps/frontend", "replicaset.apps/frontend-7d9c8b6f5d", "horizontalpodautoscaler.autoscaling/frontend",
            ],
            r.Lines);
    }
}
