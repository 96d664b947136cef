namespace OpsBot.Slack;

/// <summary>Why a Socket Mode session stopped serving.</summary>
public enum SlackSocketEnd
{
    /// <summary>Slack sent <c>disconnect</c>: open a new connection, then let this one go.</summary>
    DisconnectRequested,

    /// <summary>The WebSocket closed or failed.</summary>
    Closed,
}
