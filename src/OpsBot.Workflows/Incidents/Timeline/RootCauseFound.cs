namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>Triage named a root cause (the drafted update and the postmortem use the latest one).</summary>
public sealed record RootCauseFound : TimelineEntry
{
    /// <summary>The cause in plain words, for stakeholders: "the checkout service runs out of memory".</summary>
    public required string Summary { get; init; }

    /// <summary>What it is about: <c>deployment/checkout</c>.</summary>
    public string? Target { get; init; }

    /// <summary>The evidence lines (<c>checkout-7d9f: OOMKilled 4 times in 10 min</c>), at most 20.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public override string Describe() => Target is null ? $"Root cause: {Summary}" : $"Root cause ({Target}): {Summary}";
}
