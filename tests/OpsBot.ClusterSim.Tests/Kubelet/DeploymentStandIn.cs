using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>
/// TEST-ONLY stand-in for the deployment/replicaset/scheduler controllers (written elsewhere): keeps
/// <c>spec.replicas</c> pods of each Deployment's current template, bound round-robin to nodes whose kubelet
/// runs, and replaces pods of an older template at once (Recreate). It does nothing once an engine has a real
/// deployment or replicaset controller, so scenario tests keep working after the merge.
/// </summary>
public sealed class DeploymentStandIn(SimulationEngine engine) : ISimulationController
{
    private int _next;

    public string Name => "test-deployment-stand-in";

    public void Reconcile(SimulationContext context)
    {
        if (engine.Controllers.Any(c => c != this && (c.Name.Contains("deployment", StringComparison.OrdinalIgnoreCase) || c.Name.Contains("replicaset", StringComparison.OrdinalIgnoreCase))))
        {
            return;
        }

        var store = context.Store;
        var nodes = store.List(SimResources.Nodes).Items
            .Where(n => ObjectMeta.Annotation(n, "sim.opsbot.io/kubelet-stopped") != "true")
            .Select(ObjectMeta.Name).Order(StringComparer.Ordinal).ToList();
        var pods = store.List(SimResources.Pods).Items;
        foreach (var deployment in store.List(SimResources.Deployments).Items)
        {
            var ns = ObjectMeta.Namespace(deployment);
            var name = ObjectMeta.Name(deployment);
            var template = deployment["spec"]!["template"]!.AsObject();
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template.ToJsonString())))[..10];
            var owned = pods.Where(p => ObjectMeta.Namespace(p) == ns && ObjectMeta.Label(p, "sim-test/deployment") == name).ToList();
            foreach (var stale in owned.Where(p => ObjectMeta.Label(p, "pod-template-hash") != hash))
            {
                store.Delete(SimResources.Pods, ns, ObjectMeta.Name(stale));
            }

            var current = owned.Where(p => ObjectMeta.Label(p, "pod-template-hash") == hash).ToList();
            var desired = (int)(ObjectMeta.Int64(deployment["spec"]!["replicas"]) ?? 1);
            foreach (var extra in current.Skip(desired))
            {
                store.Delete(SimResources.Pods, ns, ObjectMeta.Name(extra));
            }

            for (var i = current.Count; i < desired && nodes.Count > 0; i++)
            {
                var pod = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Pod",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = $"{name}-{hash[..8]}-{_next:x5}",
                        ["namespace"] = ns,
                        ["labels"] = template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
                        ["annotations"] = template["metadata"]?["annotations"]?.DeepClone() ?? new JsonObject(),
                    },
                    ["spec"] = template["spec"]!.DeepClone(),
                };
                pod["metadata"]!["labels"]!["sim-test/deployment"] = name;
                pod["metadata"]!["labels"]!["pod-template-hash"] = hash;
                pod["spec"]!["nodeName"] = nodes[_next % nodes.Count];
                _next++;
                store.Create(SimResources.Pods, pod);
            }
        }
    }
}
