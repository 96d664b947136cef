namespace OpsBot.Testing.Slack;

/// <summary>One HTTP call the fake Slack received and how it answered (<see cref="Error"/> null when ok).</summary>
public sealed record FakeSlackCall(string Method, int Status, string? Error, string? Authorization, string? ContentType, TimeSpan ReceivedAt);
