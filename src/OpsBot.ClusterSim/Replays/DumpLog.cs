namespace OpsBot.ClusterSim.Replays;

/// <summary>One container's log run from a dump: <c>logs/NS/POD/CONTAINER.log</c> (current) or <c>CONTAINER.previous.log</c>.</summary>
public sealed record DumpLog(string Namespace, string Pod, string Container, bool Previous, IReadOnlyList<DumpLogLine> Lines);
