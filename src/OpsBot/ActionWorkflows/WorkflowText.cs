using System.Globalization;
using OpsBot.ClusterObjects;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>How workflow states, times and people read in messages.</summary>
public static class WorkflowText
{
    public static string State(ActionWorkflowState state) => state switch
    {
        ActionWorkflowState.Proposed => "Proposed",
        ActionWorkflowState.AwaitingApproval => "Awaiting approval",
        ActionWorkflowState.VerificationFailed => "Verification failed",
        _ => state.ToString(),
    };

    /// <summary>
    /// A planned field as a card shows it: a pod template's fields without <c>spec.template.spec.</c>
    /// (<c>containers[frontend].resources.limits.memory</c>), since table cells are cut at 60 characters and the
    /// end of the path is what says what changes. The plan and the audit keep the full path.
    /// </summary>
    public static string Field(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string PodSpec = "spec.template.spec.";
        return path.StartsWith(PodSpec, StringComparison.Ordinal) ? path[PodSpec.Length..] : path;
    }

    /// <summary><c>02:15:00 UTC</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary><c>1m30s</c>; <c>0s</c> when not positive.</summary>
    public static string Duration(TimeSpan duration) => DurationSyntax.Format(duration < TimeSpan.FromSeconds(1) ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds)));

    /// <summary><c>alice (console:alice)</c>, or just the key when the name is the id.</summary>
    public static string Person(Actor actor) =>
        string.Equals(actor.DisplayName, actor.UserId, StringComparison.Ordinal) ? actor.Key : $"{actor.DisplayName} ({actor.Key})";

    /// <summary><c>ecommerce-production</c>, or <c>(cluster-scoped)</c>.</summary>
    public static string Namespace(string ns) => string.IsNullOrEmpty(ns) ? "(cluster-scoped)" : ns;
}
