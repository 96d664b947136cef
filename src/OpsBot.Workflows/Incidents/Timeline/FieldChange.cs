namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>One field an action changes: <c>limits.memory 256Mi → 512Mi</c>.</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    public override string ToString() => $"{Field}: {Before ?? "(none)"} → {After ?? "(none)"}";
}
