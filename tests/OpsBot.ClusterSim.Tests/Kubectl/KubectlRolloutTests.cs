using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary><c>kubectl rollout history/undo</c> read ReplicaSets by owner and revision and JSON-patch the deployment.</summary>
public sealed class KubectlRolloutTests
{
    private static async Task<SeededCluster> StartWithRevisionsAsync()
    {
        var c = await SeededCluster.StartAsync(seed: false);
        var deployment = await c.CreateAsync(Deployment("api:1.1", "2"));
        var uid = deployment["metadata"]!["uid"]!.GetValue<string>();
        await c.CreateAsync(ReplicaSet("api-5f7b9c8d4", "api:1.0", "1", uid, replicas: 0));
        await c.CreateAsync(ReplicaSet("api-6c8d9e0f1", "api:1.1", "2", uid, replicas: 2));
        return c;
    }

    private static JsonObject Template(string image, string? hash = null)
    {
        var labels = new JsonObject { ["app"] = "api" };
        if (hash is not null)
        {
            labels["pod-template-hash"] = hash;
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = labels },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "api", ["image"] = image }) },
        };
    }

    private static JsonObject Deployment(string image, string revision) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "api", ["namespace"] = "default", ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision } },
        ["spec"] = new JsonObject { ["replicas"] = 2, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "api" } }, ["template"] = Template(image) },
    };

    private static JsonObject ReplicaSet(string name, string image, string revision, string ownerUid, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "default",
            ["labels"] = new JsonObject { ["app"] = "api", ["pod-template-hash"] = name[4..] },
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision },
            ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "api", ["uid"] = ownerUid, ["controller"] = true }),
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "api", ["pod-template-hash"] = name[4..] } },
            ["template"] = Template(image, name[4..]),
        },
    };

    [Fact]
    public async Task RolloutHistory_ListsRevisionsFromReplicaSets()
    {
        await using var c = await StartWithRevisionsAsync();

        var r = (await c.KubectlAsync("rollout", "history", "deploy/api")).EnsureSuccess();

        Assert.Equal(["deployment.apps/api ", "REVISION  CHANGE-CAUSE", "1         <none>", "2         <none>"], r.Lines.Where(l => l.Length > 0));
    }

    [Fact]
    public async Task RolloutUndo_RestoresPreviousTemplate()
    {
        await using var c = await StartWithRevisionsAsync();

        var r = (await c.KubectlAsync("rollout", "undo", "deploy/api")).EnsureSuccess();
        var again = await c.KubectlAsync("rollout", "undo", "deploy/api", "--to-revision=7");

        Assert.Equal(["deployment.apps/api rolled back"], r.Lines);
        var deployment = c.Simulator.Store.Get(new GroupVersionResource("apps", "v1", "deployments"), "default", "api");
        Assert.Equal("api:1.0", deployment.Str("spec.template.spec.containers.0.image"));
        Assert.Null(deployment["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]);
        Assert.Equal(2, ObjectMeta.Generation(deployment));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("unable to find specified revision 7 in history", again.StdErr, StringComparison.Ordinal);
    }
}
