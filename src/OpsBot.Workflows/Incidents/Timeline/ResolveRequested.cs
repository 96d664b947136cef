namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>Someone other than the commander asked to resolve a SEV1/SEV2; the commander decides.</summary>
public sealed record ResolveRequested : TimelineEntry
{
    public string? Reason { get; init; }

    public override string Describe() => $"Asked the commander to resolve{Because(Reason)}";
}
