using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Networking;

/// <summary>
/// Which pods back a Service port, as the endpoints controllers compute it: pods in the Service's namespace matching
/// its selector, with an IP, not terminal; the port resolved through <c>targetPort</c> (a number as is, a name through
/// the pods' declared container ports — a pod that does not declare it is left out).
/// </summary>
internal static class ServiceBackends
{
    /// <summary>The port a pod serves a Service port on, or null when a named targetPort is not declared (podutil.FindPort).</summary>
    public static int? FindPort(JsonObject pod, JsonObject servicePort)
    {
        var protocol = JsonFields.Str(servicePort, "protocol") ?? "TCP";
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (target is JsonValue v && v.TryGetValue<string>(out var text) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
                .Concat((pod["spec"]?["initContainers"] as JsonArray ?? []).OfType<JsonObject>().Where(c => JsonFields.Str(c, "restartPolicy") == "Always"));
            foreach (var container in containers)
            {
                foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (JsonFields.Str(port, "name") == text && (JsonFields.Str(port, "protocol") ?? "TCP") == protocol)
                    {
                        return (int?)JsonFields.Long(port, "containerPort");
                    }
                }
            }

            return null;
        }

        return target is JsonValue number && int.TryParse(number.ToJsonString().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>ShouldPodBeInEndpoints: not Succeeded/Failed, has an IP, and (unless <paramref name="includeTerminating"/>) not being deleted.</summary>
    public static bool ShouldBeInEndpoints(JsonObject pod, bool includeTerminating) =>
        PodFacts.Phase(pod) is not ("Succeeded" or "Failed")
        && PodIp(pod) is not null
        && (includeTerminating || !Owners.IsTerminating(pod));

    public static string? PodIp(JsonObject pod) =>
        JsonFields.Str(pod["status"], "podIP") is { Length: > 0 } ip ? ip
        : (pod["status"]?["podIPs"] as JsonArray)?.OfType<JsonObject>().Select(p => JsonFields.Str(p, "ip")).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));

    /// <summary>
    /// The endpoints of a Service with a selector: every selected pod that should be in endpoints (terminating ones
    /// only when <paramref name="includeTerminating"/>), with the Service ports it can serve — a named targetPort the pod
    /// does not declare leaves that port out (and a pod serving none, out of Endpoints).
    /// </summary>
    public static List<ServiceEndpoint> Compute(JsonObject service, IEnumerable<JsonObject> pods, bool includeTerminating)
    {
        var publishNotReady = JsonFields.Bool(service["spec"], "publishNotReadyAddresses");
        var servicePorts = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var result = new List<ServiceEndpoint>();
        foreach (var pod in Selected(service, pods))
        {
            if (!ShouldBeInEndpoints(pod, includeTerminating || publishNotReady) || PodIp(pod) is not { } ip)
            {
                continue;
            }

            var ports = new List<EndpointPort>();
            foreach (var servicePort in servicePorts)
            {
                if (FindPort(pod, servicePort) is { } number)
                {
                    ports.Add(new EndpointPort(JsonFields.Str(servicePort, "name") ?? "", number, JsonFields.Str(servicePort, "protocol") ?? "TCP", JsonFields.Str(servicePort, "appProtocol")));
                }
            }

            result.Add(new ServiceEndpoint(pod, ip, publishNotReady || PodFacts.IsReady(pod), Owners.IsTerminating(pod), ports));
        }

        return result;
    }

    /// <summary>Whether the endpoints controllers manage this Service's endpoints (it has a selector and is not ExternalName).</summary>
    public static bool IsManaged(JsonObject service) =>
        service["spec"]?["selector"] is JsonObject && JsonFields.Str(service["spec"], "type") != "ExternalName";

    public static bool IsHeadless(JsonObject service) => JsonFields.Str(service["spec"], "clusterIP") == "None";

    /// <summary>The pods a Service selects (none for a Service without a selector).</summary>
    public static IEnumerable<JsonObject> Selected(JsonObject service, IEnumerable<JsonObject> pods)
    {
        if (service["spec"]?["selector"] is not JsonObject selector)
        {
            return [];
        }

        var ns = ObjectMeta.Namespace(service);
        var wanted = selector.Select(p => (p.Key, Value: JsonFields.Str(selector, p.Key))).ToList();
        return pods.Where(p => ObjectMeta.Namespace(p) == ns && wanted.All(w => ObjectMeta.Label(p, w.Key) == w.Value));
    }
}
