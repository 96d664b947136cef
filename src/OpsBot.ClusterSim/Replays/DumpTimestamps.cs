using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Replays;

/// <summary>
/// The newest moment a dump records: the latest of the times that say when something was observed or happened —
/// creation, conditions' transitions and heartbeats, container starts and finishes, events' times, lease renewals,
/// metrics samples. Times that lie ahead by design (a certificate's notAfter or renewalTime, a deletionTimestamp
/// that is now + grace period) are not counted.
/// </summary>
public static class DumpTimestamps
{
    private static readonly HashSet<string> ObservedFields = new(StringComparer.Ordinal)
    {
        "creationTimestamp", "lastTimestamp", "firstTimestamp", "eventTime", "lastObservedTime", "lastTransitionTime",
        "lastHeartbeatTime", "lastProbeTime", "lastUpdateTime", "startedAt", "finishedAt", "startTime", "completionTime",
        "lastScaleTime", "renewTime", "acquireTime", "lastScheduleTime", "lastSuccessfulTime", "timestamp",
    };

    public static DateTimeOffset? Newest(JsonNode? node)
    {
        DateTimeOffset? newest = null;
        Walk(node, ref newest);
        return newest;
    }

    public static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static void Walk(JsonNode? node, ref DateTimeOffset? newest)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (ObservedFields.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var text)
                        && text.Contains('T', StringComparison.Ordinal)
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                    {
                        newest = Later(newest, time);
                    }
                    else
                    {
                        Walk(value, ref newest);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, ref newest);
                }

                break;
        }
    }
}
