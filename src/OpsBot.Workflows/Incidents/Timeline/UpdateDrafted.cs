namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A stakeholder update was drafted.</summary>
public sealed record UpdateDrafted : TimelineEntry
{
    public required int Number { get; init; }

    /// <summary>Whether the bot wrote it from the incident (no text was given).</summary>
    public bool Composed { get; init; }

    public override string Describe() => $"Update #{Number} drafted{(Composed ? " from the incident" : string.Empty)}";
}
