namespace OpsBot.Teams;

/// <summary>The Bot Connector (or its token endpoint) refused a call; <see cref="StatusCode"/> is its HTTP status (0: no answer).</summary>
public sealed class BotConnectorException(string message, int statusCode, Exception? innerException = null) : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>
    /// A post of a new activity that the connector may have written before failing (5xx, dropped connection,
    /// timeout): it is not sent again, so the reply may be missing — or there already.
    /// </summary>
    public bool MayHaveLanded { get; init; }
}
