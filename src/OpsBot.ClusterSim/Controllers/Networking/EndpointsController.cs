using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Networking;

/// <summary>
/// The endpoints controller (pkg/controller/endpoint): for every Service with a selector, an Endpoints object of the
/// same name listing the selected pods' IPs — ready pods in <c>addresses</c>, the others in <c>notReadyAddresses</c>
/// (terminating pods left out) — grouped by the ports they serve (RepackSubsets), with the Service's labels and the
/// <c>endpoints.kubernetes.io/last-change-trigger-time</c> annotation. No pod selected: no subsets (kubectl shows
/// <c>&lt;none&gt;</c>). Written only when it changes; deleted with its Service.
/// </summary>
public sealed class EndpointsController : ISimulationController
{
    public const string Component = "endpoint-controller";
    public const string TriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    private readonly HashSet<string> _managed = new(StringComparer.Ordinal);

    // What these controllers write is a function of the store alone: when nothing changed since the last pass, nothing to do.
    private long _seenResourceVersion = -1;

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        if (context.Store.ResourceVersion == _seenResourceVersion)
        {
            return;
        }

        ReconcileChanged(context);
        _seenResourceVersion = context.Store.ResourceVersion;
    }

    private void ReconcileChanged(SimulationContext context)
    {
        var services = context.Store.List(SimResources.Services).Items.Where(ServiceBackends.IsManaged).ToList();
        var live = services.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _managed.Where(k => !live.Contains(k)).ToList())
        {
            _managed.Remove(gone);
            var slash = gone.IndexOf('/', StringComparison.Ordinal);
            StoreRaces.Tolerate(() => context.Store.Delete(SimResources.Endpoints, gone[..slash], gone[(slash + 1)..]));
        }

        if (services.Count == 0)
        {
            return;
        }

        var pods = context.Store.List(SimResources.Pods).Items;
        foreach (var service in services)
        {
            _managed.Add(Key(service));
            StoreRaces.Tolerate(() => Sync(context, service, pods));
        }
    }

    private static string Key(JsonObject service) => ObjectMeta.Namespace(service) + "/" + ObjectMeta.Name(service);

    private static void Sync(SimulationContext context, JsonObject service, IReadOnlyList<JsonObject> pods)
    {
        var ns = ObjectMeta.Namespace(service);
        var name = ObjectMeta.Name(service);
        var subsets = Subsets(ServiceBackends.Compute(service, pods, includeTerminating: false));
        var labels = service["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        if (ServiceBackends.IsHeadless(service))
        {
            labels[HeadlessLabel] = "";
        }

        var existing = context.Store.TryGet(SimResources.Endpoints, ns, name);
        if (existing is not null && JsonNode.DeepEquals(existing["subsets"] ?? new JsonArray(), subsets) && JsonNode.DeepEquals(existing["metadata"]?["labels"] ?? new JsonObject(), labels))
        {
            return;
        }

        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels.Count > 0)
        {
            metadata["labels"] = labels;
        }

        metadata["annotations"] = new JsonObject { [TriggerTimeAnnotation] = KubernetesTime.Format(context.Now) };
        var endpoints = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Endpoints", ["metadata"] = metadata };
        if (subsets.Count > 0)
        {
            endpoints["subsets"] = subsets;
        }

        if (existing is null)
        {
            context.Store.Create(SimResources.Endpoints, endpoints);
        }
        else
        {
            context.Store.Modify(SimResources.Endpoints, ns, name, (JsonObject e) =>
            {
                var meta = ObjectMeta.Metadata(e);
                if (labels.Count > 0)
                {
                    meta["labels"] = labels.DeepClone();
                }
                else
                {
                    meta.Remove("labels");
                }

                JsonFields.Child(ObjectMeta.Metadata(e), "annotations")[TriggerTimeAnnotation] = KubernetesTime.Format(context.Now);
                if (subsets.Count > 0)
                {
                    e["subsets"] = subsets.DeepClone();
                }
                else
                {
                    e.Remove("subsets");
                }
            });
        }
    }

    /// <summary>RepackSubsets + SortSubsets: addresses grouped by the ports they serve, sorted by IP.</summary>
    private static JsonArray Subsets(IEnumerable<ServiceEndpoint> endpoints)
    {
        var subsets = new JsonArray();
        foreach (var group in endpoints.Where(e => e.Ports.Count > 0).GroupBy(e => e.PortsKey, StringComparer.Ordinal).OrderBy(g => g.Min(e => e.Ip), StringComparer.Ordinal))
        {
            var subset = new JsonObject();
            var ready = group.Where(e => e.Ready).OrderBy(e => e.Ip, StringComparer.Ordinal).Select(Address).ToList();
            var notReady = group.Where(e => !e.Ready).OrderBy(e => e.Ip, StringComparer.Ordinal).Select(Address).ToList();
            if (ready.Count > 0)
            {
                subset["addresses"] = new JsonArray([.. ready]);
            }

            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = new JsonArray([.. notReady]);
            }

            subset["ports"] = new JsonArray([.. group.First().Ports.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Port).Select(Port)]);
            subsets.Add(subset);
        }

        return subsets;
    }

    private static JsonNode Address(ServiceEndpoint endpoint)
    {
        var address = new JsonObject { ["ip"] = endpoint.Ip };
        if (PodFacts.NodeName(endpoint.Pod) is { } node)
        {
            address["nodeName"] = node;
        }

        address["targetRef"] = new JsonObject
        {
            ["kind"] = "Pod",
            ["namespace"] = ObjectMeta.Namespace(endpoint.Pod),
            ["name"] = ObjectMeta.Name(endpoint.Pod),
            ["uid"] = ObjectMeta.Uid(endpoint.Pod),
        };
        return address;
    }

    private static JsonNode Port(EndpointPort port)
    {
        var result = new JsonObject();
        if (port.Name.Length > 0)
        {
            result["name"] = port.Name;
        }

        result["port"] = port.Port;
        result["protocol"] = port.Protocol;
        if (port.AppProtocol is not null)
        {
            result["appProtocol"] = port.AppProtocol;
        }

        return result;
    }
}
