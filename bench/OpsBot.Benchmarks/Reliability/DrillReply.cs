namespace OpsBot.Benchmarks.Reliability;

/// <summary>One reply to a drill command: its text and when the fake platform received it (on that fake's clock).</summary>
internal sealed record DrillReply(string Text, TimeSpan At);
