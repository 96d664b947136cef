namespace OpsBot.Triage;

/// <summary>
/// One fact behind a finding: an event message with its count and time, a log excerpt (already redacted),
/// a status field or a number.
/// </summary>
/// <param name="Kind"><c>event</c>, <c>log</c>, <c>status</c>, <c>metric</c>, <c>condition</c>, <c>certificate</c> or <c>spec</c>.</param>
/// <param name="Text">What was seen.</param>
/// <param name="Source">The object it was seen on (<c>pod/frontend-7d9f-b</c>).</param>
public sealed record Evidence(string Kind, string Text, string? Source = null)
{
    /// <summary>How many times (event count, matching log lines).</summary>
    public int? Count { get; init; }

    /// <summary>When it was last seen.</summary>
    public DateTimeOffset? At { get; init; }
}
