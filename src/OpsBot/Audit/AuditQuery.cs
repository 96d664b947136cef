namespace OpsBot.Audit;

/// <summary>Which audit entries to read back (for <c>/audit</c> and the dashboard); newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>Most entries returned.</summary>
    /// <value>The default value is 50.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only this platform user (<c>User</c> of the entry, exact).</summary>
    public string? User { get; init; }

    /// <summary>Only entries about this subject (<c>workflow:…</c>).</summary>
    public string? Subject { get; init; }
}
