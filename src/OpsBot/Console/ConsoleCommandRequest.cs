namespace OpsBot.Console;

/// <summary>Body of <c>POST /api/console/commands</c>: <c>{"text": "/k8s pods -n shop", "user": "alice", "channel": "incident"}</c>.</summary>
public sealed record ConsoleCommandRequest(string? Text, string? User, string? Channel);
