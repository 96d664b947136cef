namespace OpsBot.Slack;

/// <summary>The outcome of checking one request's <c>X-Slack-Signature</c>.</summary>
public enum SlackSignatureResult
{
    Valid,

    /// <summary>No signature or no timestamp header.</summary>
    Missing,

    /// <summary>The timestamp is more than five minutes from now (a replay, or a clock far off).</summary>
    Stale,

    /// <summary>The signature does not match the body (forged or tampered).</summary>
    Mismatch,
}
