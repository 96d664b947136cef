namespace OpsBot.Authorization;

/// <summary>The answer to "may this user do this here?": allowed, or refused with a sentence to show them.</summary>
public sealed record AuthorizationDecision(bool Allowed, string? Reason)
{
    public static AuthorizationDecision Allow { get; } = new(true, null);

    public static AuthorizationDecision Deny(string reason) => new(false, reason);
}
