namespace OpsBot.Web;

/// <summary>Body of <c>POST /api/console/commands</c>: <c>{"text": "/k8s pods -n shop", "user": "alice", "channel": "incident"}</c>.</summary>
public sealed record ConsoleCommandRequest(string? Text, string? User, string? Channel);

/// <summary>Body of <c>POST /api/console/actions</c>: a button press, with the ids from a returned message.</summary>
public sealed record ConsoleActionRequest(string? ActionId, string? Value, string? User, string? Channel);
