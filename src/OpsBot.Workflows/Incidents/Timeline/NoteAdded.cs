namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary><c>/incident note "…"</c>.</summary>
public sealed record NoteAdded : TimelineEntry
{
    public required string Text { get; init; }

    public override string Describe() => $"Note: {Text}";
}
