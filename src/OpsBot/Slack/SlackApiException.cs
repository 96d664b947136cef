namespace OpsBot.Slack;

/// <summary>
/// A Slack Web API call (or a <c>response_url</c> POST) failed: Slack answered <c>ok: false</c> with
/// <see cref="Error"/> (<c>channel_not_found</c>, <c>invalid_blocks</c>, <c>ratelimited</c>, …), or the
/// HTTP exchange failed. The message never contains a token.
/// </summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error, Exception? innerException = null)
        : base($"Slack {method} failed: {error}", innerException)
    {
        Method = method;
        Error = error;
    }

    public SlackApiException()
        : this("(unknown)", "unknown_error")
    {
    }

    public SlackApiException(string message)
        : this("(unknown)", message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : this("(unknown)", message, innerException)
    {
    }

    /// <summary>The Web API method (<c>chat.postMessage</c>) or <c>response_url</c>.</summary>
    public string Method { get; }

    /// <summary>Slack's error code, or <c>http_502</c> / <c>connection_failed</c> for transport failures.</summary>
    public string Error { get; }
}
