namespace OpsBot.ClusterSim.Logs;

/// <summary>One line a container wrote, with the (virtual) time it was written.</summary>
public sealed record PodLogLine(DateTimeOffset Timestamp, string Text);
