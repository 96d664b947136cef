namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A command someone ran in the incident's channel, with its result in one line.</summary>
public sealed record CommandRun : TimelineEntry
{
    public const int MaxCommand = 300;

    public const int MaxResult = 300;

    /// <summary>The command as typed (<c>/k8s pods -n shop</c>), at most 300 characters.</summary>
    public required string Command { get; init; }

    /// <summary>The result in one line (<c>12 pods, 3 not ready</c>), at most 300 characters.</summary>
    public required string Result { get; init; }

    public override string Describe() => $"{Command} → {Result}";
}
