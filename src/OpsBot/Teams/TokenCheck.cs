using System.Security.Claims;

namespace OpsBot.Teams;

/// <summary>The outcome of checking an inbound token: valid with its claims, or why not (never the token itself).</summary>
public sealed record TokenCheck(ClaimsIdentity? Identity, string? Failure)
{
    public bool IsValid => Identity is not null;

    public static TokenCheck Valid(ClaimsIdentity identity) => new(identity, null);

    public static TokenCheck Invalid(string failure) => new(null, failure);
}
