namespace OpsBot.Workflows.Persistence;

/// <summary>Which workflows to list; newest (by <see cref="WorkflowRecord.CreatedAt"/>) first.</summary>
public sealed record WorkflowQuery
{
    /// <summary>Only these states; empty means any.</summary>
    public IReadOnlyCollection<string> States { get; init; } = [];

    /// <summary>Only workflows whose <see cref="WorkflowRecord.ExpiresAt"/> is at or before this time.</summary>
    public DateTimeOffset? ExpiringBy { get; init; }

    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;
}
