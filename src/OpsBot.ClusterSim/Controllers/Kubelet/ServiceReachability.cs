using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Controllers.Networking;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Whether a connection from a pod to <c>host:port</c> would succeed in the cluster: an in-cluster name
/// (<c>svc</c>, <c>svc.ns</c>, <c>svc.ns.svc</c>, <c>svc.ns.svc.cluster.local</c>) must be an existing Service with that
/// port and a ready endpoint behind it. Names outside the cluster are taken as reachable.
/// </summary>
public static class ServiceReachability
{
    /// <summary>Null when reachable, else why the connection fails.</summary>
    public static ConnectFailure? Check(ObjectStore store, string podNamespace, ConnectTarget target)
    {
        var host = target.Host.TrimEnd('.');
        var parts = host.Split('.');
        string service;
        string ns;
        if (parts.Length == 1)
        {
            (service, ns) = (parts[0], podNamespace);
        }
        else if (parts.Length == 2 || (parts.Length >= 3 && parts[2] == "svc"))
        {
            if (parts.Length > 3 && string.Join('.', parts[3..]) != "cluster.local")
            {
                return null;
            }

            (service, ns) = (parts[0], parts[1]);
            if (parts.Length == 2 && store.TryGet(SimResources.Namespaces, null, ns) is null)
            {
                return null; // e.g. db.example: not a cluster name
            }
        }
        else
        {
            return null;
        }

        var svc = store.TryGet(SimResources.Services, ns, service);
        if (svc is null)
        {
            return new ConnectFailure(ConnectFailureKind.NotFound, target.Host, target.Port, target.ToString());
        }

        var clusterIp = JsonFields.Str(svc["spec"], "clusterIP") ?? "";
        var address = clusterIp is { Length: > 0 } and not "None" ? $"{clusterIp}:{target.Port}" : target.ToString();
        var port = (svc["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => JsonFields.Long(p, "port") == target.Port);
        if (port is null)
        {
            return new ConnectFailure(ConnectFailureKind.Timeout, target.Host, target.Port, address);
        }

        var pods = store.List(SimResources.Pods, ns).Items;
        var ready = ServiceBackends.Selected(svc, pods)
            .Any(p => ServiceBackends.ShouldBeInEndpoints(p, includeTerminating: false) && PodFacts.IsReady(p) && ServiceBackends.FindPort(p, port) is not null);
        if (ready)
        {
            return null;
        }

        // A headless Service's name resolves to its ready pods: none, no address.
        return new ConnectFailure(clusterIp == "None" ? ConnectFailureKind.NotFound : ConnectFailureKind.Refused, target.Host, target.Port, address);
    }
}
