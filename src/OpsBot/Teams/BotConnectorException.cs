namespace OpsBot.Teams;

/// <summary>The Bot Connector (or its token endpoint) refused a call; <see cref="StatusCode"/> is its HTTP status (0: no answer).</summary>
public sealed class BotConnectorException(string message, int statusCode, Exception? innerException = null) : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;
}
