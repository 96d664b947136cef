using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Connection-pool physics: every running client holds <see cref="WorkloadBehavior.DbConnections"/> connections
/// to the Service named by <c>db-service</c>; a Service annotated <c>max-connections</c> refuses the excess.
/// The result is, per pod, the share of connection attempts refused (0 when the database has room) — for
/// its clients and for the database pods the Service selects. Fewer replicas or smaller pools end it; a
/// restart releases leaked connections for a while.
/// </summary>
public static class DatabaseConnections
{
    /// <summary>Refused share per pod uid, from the running containers (pod, behaviour, uptime) of the previous tick.</summary>
    public static Dictionary<string, double> Exhaustion(ObjectStore store, IReadOnlyList<JsonObject> pods, IEnumerable<(JsonObject Pod, WorkloadBehavior Behavior, TimeSpan Since)> clients)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var held = clients
            .Where(c => c.Behavior.DbService is not null)
            .GroupBy(c => (ObjectMeta.Namespace(c.Pod), c.Behavior.DbService!))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ((ns, serviceName), group) in held)
        {
            var service = store.TryGet(SimResources.Services, ns, serviceName);
            if (service is null || !double.TryParse(ObjectMeta.Annotation(service, WorkloadAnnotations.MaxConnections), NumberStyles.Float, CultureInfo.InvariantCulture, out var max))
            {
                continue;
            }

            var total = group.Sum(c => c.Behavior.DbConnections(c.Since));
            var refused = total > max ? 1 - (max / total) : 0;
            foreach (var (pod, _, _) in group)
            {
                result[Uid(pod)] = refused;
            }

            if (service["spec"]?["selector"] is JsonObject selector && selector.Count > 0)
            {
                foreach (var db in pods.Where(p => ObjectMeta.Namespace(p) == ns && selector.All(kv => ObjectMeta.Label(p, kv.Key) == (string?)kv.Value)))
                {
                    result[Uid(db)] = Math.Max(result.GetValueOrDefault(Uid(db)), refused);
                }
            }
        }

        return result;
    }

    private static string Uid(JsonObject pod) => ObjectMeta.Uid(pod) ?? ObjectMeta.Namespace(pod) + "/" + ObjectMeta.Name(pod);
}
