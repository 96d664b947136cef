using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Networking;

/// <summary>
/// The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector, IPv4 slices named
/// <c>&lt;service&gt;-&lt;5 random&gt;</c> (labels <c>kubernetes.io/service-name</c> and
/// <c>endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io</c>, owned by the Service), one per set
/// of ports the pods serve, each endpoint with its conditions — ready (serving and not terminating), serving (the pod
/// is Ready), terminating — its node, zone and pod. A Service that selects nothing keeps one empty placeholder slice
/// (<c>endpoints: null</c>, <c>ports: null</c>).
/// </summary>
public sealed class EndpointSliceController : ISimulationController
{
    public const string Component = "endpointslice-controller";
    public const string ManagedBy = "endpointslice-controller.k8s.io";
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";

    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

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
        if (services.Count == 0)
        {
            return;
        }

        var pods = context.Store.List(SimResources.Pods).Items;
        var nodes = context.Store.List(SimResources.Nodes).Items.ToDictionary(ObjectMeta.Name, StringComparer.Ordinal);
        var slices = context.Store.List(SimResources.EndpointSlices, filter: s => ObjectMeta.Label(s, ManagedByLabel) == ManagedBy).Items
            .ToLookup(s => ObjectMeta.Namespace(s) + "/" + ObjectMeta.Label(s, ServiceNameLabel), StringComparer.Ordinal);
        foreach (var service in services)
        {
            var existing = slices[ObjectMeta.Namespace(service) + "/" + ObjectMeta.Name(service)].Where(s => Owners.IsControlledBy(s, service)).ToList();
            StoreRaces.Tolerate(() => Sync(context, service, pods, nodes, existing));
        }
    }

    private static void Sync(SimulationContext context, JsonObject service, IReadOnlyList<JsonObject> pods, Dictionary<string, JsonObject> nodes, List<JsonObject> existing)
    {
        var endpoints = ServiceBackends.Compute(service, pods, includeTerminating: true)
            .Where(e => PodFacts.NodeName(e.Pod) is { } node && nodes.ContainsKey(node))
            .ToList();
        var desired = endpoints
            .GroupBy(e => e.PortsKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Ports: Ports(g.First()), Endpoints: (JsonArray?)new JsonArray([.. g.OrderBy(e => e.Ip, StringComparer.Ordinal).Select(e => Endpoint(service, e, nodes))])))
            .ToList();
        if (desired.Count == 0)
        {
            desired.Add((null, null)); // the placeholder slice
        }

        var labels = Labels(service);
        var unused = existing.ToList();
        foreach (var (ports, items) in desired)
        {
            var slice = unused.FirstOrDefault(s => JsonNode.DeepEquals(s["ports"], ports)) ?? unused.FirstOrDefault();
            if (slice is null)
            {
                context.Store.Create(SimResources.EndpointSlices, NewSlice(context, service, labels, ports, items));
                continue;
            }

            unused.Remove(slice);
            if (JsonNode.DeepEquals(slice["ports"], ports) && JsonNode.DeepEquals(slice["endpoints"], items) && JsonNode.DeepEquals(slice["metadata"]?["labels"], labels))
            {
                continue;
            }

            context.Store.Modify(SimResources.EndpointSlices, ObjectMeta.Namespace(slice), ObjectMeta.Name(slice), (JsonObject s) =>
            {
                ObjectMeta.Metadata(s)["labels"] = labels.DeepClone();
                JsonFields.Child(ObjectMeta.Metadata(s), "annotations")[EndpointsController.TriggerTimeAnnotation] = KubernetesTime.Format(context.Now);
                s["endpoints"] = items?.DeepClone();
                s["ports"] = ports?.DeepClone();
            });
        }

        foreach (var extra in unused)
        {
            context.Store.Delete(SimResources.EndpointSlices, ObjectMeta.Namespace(extra), ObjectMeta.Name(extra));
        }
    }

    private static JsonObject NewSlice(SimulationContext context, JsonObject service, JsonObject labels, JsonArray? ports, JsonArray? endpoints)
    {
        var ns = ObjectMeta.Namespace(service);
        var prefix = ObjectMeta.Name(service) + "-";
        string name;
        do
        {
            var suffix = new char[5];
            for (var i = 0; i < suffix.Length; i++)
            {
                suffix[i] = NameSuffixAlphabet[context.Random.Next(NameSuffixAlphabet.Length)];
            }

            name = prefix + new string(suffix);
        }
        while (context.Store.TryGet(SimResources.EndpointSlices, ns, name) is not null);

        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["generateName"] = prefix,
                ["namespace"] = ns,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { [EndpointsController.TriggerTimeAnnotation] = KubernetesTime.Format(context.Now) },
                ["ownerReferences"] = Owners.ControllerRef(service, "v1", "Service"),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = ports,
        };
    }

    private static JsonObject Labels(JsonObject service)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in service["metadata"]?["labels"] as JsonObject ?? [])
        {
            if (key is not (ServiceNameLabel or ManagedByLabel or EndpointsController.HeadlessLabel))
            {
                labels[key] = value?.DeepClone();
            }
        }

        if (ServiceBackends.IsHeadless(service))
        {
            labels[EndpointsController.HeadlessLabel] = "";
        }

        labels[ManagedByLabel] = ManagedBy;
        labels[ServiceNameLabel] = ObjectMeta.Name(service);
        return labels;
    }

    private static JsonArray? Ports(ServiceEndpoint endpoint) =>
        endpoint.Ports.Count == 0 ? null : new JsonArray([.. endpoint.Ports.Select(p =>
        {
            var port = new JsonObject { ["name"] = p.Name, ["port"] = p.Port, ["protocol"] = p.Protocol };
            if (p.AppProtocol is not null)
            {
                port["appProtocol"] = p.AppProtocol;
            }

            return (JsonNode)port;
        })]);

    private static JsonNode Endpoint(JsonObject service, ServiceEndpoint endpoint, Dictionary<string, JsonObject> nodes)
    {
        var serving = PodFacts.IsReady(endpoint.Pod);
        var publishNotReady = JsonFields.Bool(service["spec"], "publishNotReadyAddresses");
        var result = new JsonObject
        {
            ["addresses"] = new JsonArray(endpoint.Ip),
            ["conditions"] = new JsonObject
            {
                ["ready"] = publishNotReady || (serving && !endpoint.Terminating),
                ["serving"] = serving,
                ["terminating"] = endpoint.Terminating,
            },
        };
        var nodeName = PodFacts.NodeName(endpoint.Pod)!;
        result["nodeName"] = nodeName;
        result["targetRef"] = new JsonObject
        {
            ["kind"] = "Pod",
            ["name"] = ObjectMeta.Name(endpoint.Pod),
            ["namespace"] = ObjectMeta.Namespace(endpoint.Pod),
            ["uid"] = ObjectMeta.Uid(endpoint.Pod),
        };
        if (ObjectMeta.Label(nodes[nodeName], "topology.kubernetes.io/zone") is { } zone)
        {
            result["zone"] = zone;
        }

        return result;
    }
}
