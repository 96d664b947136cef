using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.Testing;

namespace OpsBot.Benchmarks;

/// <summary>
/// Pods shaped like a real one (<c>../shared/fixtures/k8s/pod-crashloopbackoff.json</c>: last-applied annotation,
/// managedFields, volumes, tolerations, conditions, container statuses — about 5 KB of JSON each), varied per pod: one in
/// twenty keeps the fixture's CrashLoopBackOff, the rest run and are ready.
/// </summary>
internal static class RealisticPods
{
    private static readonly Lazy<JsonObject> Template = new(() =>
        (JsonObject)JsonNode.Parse(SharedFixtures.ReadText("k8s", "pod-crashloopbackoff.json"))!["items"]![0]!.DeepClone());

    public static JsonObject Pod(int i, string ns, string node)
    {
        var pod = (JsonObject)Template.Value.DeepClone();
        var app = "svc-" + (i % 97).ToString(CultureInfo.InvariantCulture);
        var metadata = (JsonObject)pod["metadata"]!;
        metadata["name"] = $"{app}-7d9c8b6f5d-{i:x5}";
        metadata["namespace"] = ns;
        metadata["uid"] = new Guid(i, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8).ToString();
        metadata.Remove("resourceVersion");
        metadata["labels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = "7d9c8b6f5d" };
        pod["spec"]!["nodeName"] = node;
        var status = (JsonObject)pod["status"]!;
        var ip = $"10.244.{i / 250 % 250}.{i % 250}";
        status["podIP"] = ip;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        if (i % 20 != 0)
        {
            foreach (var condition in status["conditions"]!.AsArray())
            {
                condition!["status"] = "True";
                condition.AsObject().Remove("reason");
                condition.AsObject().Remove("message");
            }

            foreach (var container in status["containerStatuses"]!.AsArray())
            {
                container!["ready"] = true;
                container["started"] = true;
                container["restartCount"] = i % 7 == 0 ? 1 : 0;
                container["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-11-19T03:00:05Z" } };
            }
        }

        return pod;
    }
}
