namespace OpsBot.Console;

/// <summary>
/// Body of <c>POST /api/console/actions</c>: a button press, with the ids from a returned message, and
/// optionally the feed id of the message that carried the button (a reply that replaces its original replaces that one).
/// </summary>
public sealed record ConsoleActionRequest(string? ActionId, string? Value, string? User, string? Channel, string? MessageId = null);
