using System.Text.Json.Nodes;
using k8s.Models;

namespace OpsBot.Actions.Common;

/// <summary>The annotations an action stamps on the object it changes (in the same patch), and the check that makes apply idempotent.</summary>
public static class ActionStamp
{
    /// <summary><c>metadata.annotations</c> for a patch: the workflow id and the action.</summary>
    public static JsonObject Annotations(string workflowId, string action) => new()
    {
        [ActionAnnotations.WorkflowId] = workflowId,
        [ActionAnnotations.Action] = action,
    };

    /// <summary>A patch's <c>metadata</c> with <see cref="Annotations"/>.</summary>
    public static JsonObject Metadata(string workflowId, string action) => new() { ["annotations"] = Annotations(workflowId, action) };

    /// <summary>Whether the object already carries <paramref name="workflowId"/>: the change of that workflow has landed.</summary>
    public static bool IsStampedBy(V1ObjectMeta? metadata, string workflowId) =>
        metadata?.Annotations?.TryGetValue(ActionAnnotations.WorkflowId, out var id) == true && id == workflowId;

    /// <summary>The <see cref="ActionAnnotations.Action"/> value a revert writes: <c>rollback-revert</c>.</summary>
    public static string Revert(string kind) => kind + "-revert";
}
