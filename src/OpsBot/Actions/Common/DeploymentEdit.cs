namespace OpsBot.Actions.Common;

/// <summary>What a <see cref="DeploymentFieldAction"/> wants to change on one deployment, and how risky that is.</summary>
/// <param name="Summary">The plan's one line: "Raise the memory limit of frontend/frontend from 512Mi to 2Gi".</param>
/// <param name="Edits">The fields with their current and new values (unchanged ones are dropped from the plan).</param>
/// <param name="NothingToChange">The answer when every field already holds its new value: "… already …".</param>
/// <param name="Risk">How much the change can hurt.</param>
/// <param name="RiskReason">Why that risk, for the approver.</param>
public sealed record DeploymentEdit(string Summary, IReadOnlyList<FieldEdit> Edits, string NothingToChange, ActionRisk Risk, string RiskReason)
{
    /// <summary>Extra facts for the approver (memory use against the limit, the probe's effective settings).</summary>
    public IReadOnlyList<string> CurrentState { get; init; } = [];

    /// <summary>How long every new pod must run without a restart before verification calls the change a success.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMinutes(1);
}
