namespace OpsBot.ClusterSim.Replays;

/// <summary>A log line and the kubelet's timestamp for it (null when the file had none).</summary>
public sealed record DumpLogLine(DateTimeOffset? Timestamp, string Text);
