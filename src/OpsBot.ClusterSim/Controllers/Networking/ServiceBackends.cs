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
