using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.Actions.CertRenew;

/// <summary>
/// The condition <c>cmctl renew</c> sets on a Certificate's status to have cert-manager re-issue it
/// (<c>apiutil.SetCertificateCondition(crt, crt.Generation, Issuing, True, "ManuallyTriggered", …)</c>, then <c>UpdateStatus</c>).
/// Worked on the Certificate as JSON, so that every status field OpsBot does not model is written back as it was.
/// </summary>
public static class IssuingCondition
{
    public const string Type = "Issuing";
    public const string Reason = "ManuallyTriggered";
    public const string Message = "Certificate re-issuance manually triggered";

    /// <summary>The message OpsBot writes: cmctl's, and the workflow that asked (the status subresource keeps no annotations).</summary>
    public static string MessageFor(string workflowId) => $"{Message} (OpsBot workflow {workflowId})";

    /// <summary>A whole number of a JSON object (parsed, or built in code with any integer type); 0 when absent.</summary>
    public static long Number(JsonNode? node) =>
        node is JsonValue value && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    public static JsonObject? Find(JsonObject certificate, string type) =>
        certificate?["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(condition => (string?)condition["type"] == type)
            : null;

    /// <summary>Sets <c>Issuing=True ManuallyTriggered</c> (keeping the transition time when it was already True), as cert-manager's helper does.</summary>
    public static void Set(JsonObject certificate, string workflowId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var status = certificate["status"] as JsonObject ?? [];
        certificate["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var generation = Number(certificate["metadata"]?["generation"]);
        var current = Find(certificate, Type);
        var transition = current is not null && (string?)current["status"] == "True" && current["lastTransitionTime"] is { } kept
            ? kept.DeepClone()
            : JsonValue.Create(now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var condition = new JsonObject
        {
            ["type"] = Type,
            ["status"] = "True",
            ["lastTransitionTime"] = transition,
            ["reason"] = Reason,
            ["message"] = MessageFor(workflowId),
            ["observedGeneration"] = generation,
        };
        if (current is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(current)] = condition;
        }
    }
}
