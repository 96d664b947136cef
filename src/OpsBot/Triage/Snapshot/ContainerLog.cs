using OpsBot.Kubernetes;

namespace OpsBot.Triage;

/// <summary>The tail of one container's log (current run, or the previous, crashed one).</summary>
public sealed record ContainerLog(string Pod, string Container, bool Previous, IReadOnlyList<LogLine> Lines);
