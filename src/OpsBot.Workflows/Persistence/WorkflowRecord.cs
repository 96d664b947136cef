namespace OpsBot.Workflows.Persistence;

/// <summary>
/// A workflow as the store keeps it: the columns the store queries by, and the rest as JSON in
/// <see cref="Data"/> (plan, approvals, history), which only the workflow code reads.
/// </summary>
public sealed record WorkflowRecord
{
    /// <summary>Unique, URL-safe (letters, digits, '-'); also stamped on the objects the workflow changes.</summary>
    public required string Id { get; init; }

    /// <summary>The action kind: <c>rollback</c>, <c>scale-hpa</c>, <c>set-resources</c>, …</summary>
    public required string Kind { get; init; }

    /// <summary>The machine's state by name (<c>AwaitingApproval</c>).</summary>
    public required string State { get; init; }

    /// <summary>Optimistic concurrency: 1 when created, +1 on every successful update.</summary>
    public long Version { get; init; } = 1;

    public required string Cluster { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The object acted on: <c>deployment/frontend</c>, <c>node/worker-2</c>.</summary>
    public required string Target { get; init; }

    /// <summary>Who asked: <c>slack:U123</c>.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When an unapproved workflow expires by itself; <see langword="null"/> once decided.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Everything else, as JSON.</summary>
    public required string Data { get; init; }

    /// <summary>
    /// How many events at the end of the history in <see cref="Data"/> this version adds (0 for a lease renewal). Not
    /// stored: it tells a store that keeps what the events mean (their audit entries) to write that in the same commit,
    /// so a crash can never leave a stored transition without its record.
    /// </summary>
    public int NewEvents { get; init; }
}
