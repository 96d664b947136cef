using System.Text.Json.Nodes;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s.Models;
using k8s;

namespace OpsBot.Actions.Common;

/// <summary>The <c>node/NAME</c> argument and the reads shared by cordon and drain.</summary>
public static class Nodes
{
    public const string ArgumentName = "NODE";

    /// <summary>The path cordon sets (<c>kubectl cordon</c>).</summary>
    public const string UnschedulablePath = "spec.unschedulable";

    public static ArgumentDefinition Argument { get; } =
        new(ArgumentName, ValueKind.ObjectName, "The node.") { Required = true, ObjectKind = "node", ResourcePrefixes = ["node", "nodes", "no"] };

    public static Task<V1Node> ReadAsync(IKubernetes client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return KubernetesReads.ReadAsync(token => client.CoreV1.ReadNodeAsync(name, cancellationToken: token), "node", name, null, cancellationToken);
    }

    public static bool IsCordoned(V1Node node) => node?.Spec?.Unschedulable == true;

    /// <summary>The cordon edit: <c>spec.unschedulable</c> unset/false → true.</summary>
    public static FieldEdit CordonEdit(V1Node node) =>
        new(UnschedulablePath, node?.Spec?.Unschedulable is { } value ? JsonValue.Create(value) : null, JsonValue.Create(true), FieldValueKind.Boolean);

    public static JsonObject ToJson(V1Node node) => JsonNode.Parse(KubernetesJson.Serialize(node))!.AsObject();

    /// <summary>"Ready=Unknown NodeStatusUnknown: Kubelet stopped posting node status.", "taints: …".</summary>
    public static IEnumerable<string> StateLines(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        yield return ready is null ? "Ready condition: not reported" : $"Ready={ready.Status} {ready.Reason}: {ready.Message}";
        var taints = node.Spec?.Taints ?? [];
        yield return taints.Count == 0 ? "taints: none" : "taints: " + string.Join(", ", taints.Select(t => $"{t.Key}{(string.IsNullOrEmpty(t.Value) ? "" : "=" + t.Value)}:{t.Effect}"));
        yield return IsCordoned(node) ? "scheduling: disabled (cordoned)" : "scheduling: enabled";
    }

    /// <summary>Every pod bound to the node, in all namespaces.</summary>
    public static async Task<IReadOnlyList<V1Pod>> PodsOnAsync(IKubernetes client, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pods = await client.Pods(null, fieldSelector: $"spec.nodeName={node}").AllAsync(cancellationToken).ConfigureAwait(false);
        return pods;
    }

    /// <summary>Reads the node for apply/revert: gone → the action conflicts.</summary>
    public static async Task<V1Node> ReadForChangeAsync(IKubernetes client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error.IsNotFound())
        {
            throw new ActionConflictException($"node/{name} no longer exists.", error);
        }
    }

    /// <summary>Puts <c>spec.unschedulable</c> back to the plan's before value (uncordon), stamped; nothing when it already is.</summary>
    public static async Task UncordonAsync(IKubernetes client, string name, IReadOnlyList<FieldEdit> edits, string workflowId, string action, CancellationToken cancellationToken = default)
    {
        var node = await ReadForChangeAsync(client, name, cancellationToken).ConfigureAwait(false);
        if (edits.Count == 0 || FieldEdits.AllAt(ToJson(node), edits, before: true))
        {
            return;
        }

        await client.CoreV1.PatchNodeAsync(new V1Patch(FieldEdits.Patch(edits, toAfter: false, workflowId, action), V1Patch.PatchType.StrategicMergePatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
