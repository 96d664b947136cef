using Microsoft.IdentityModel.Tokens;

namespace OpsBot.Testing.Teams;

/// <summary>What goes into a token the fake channel signs; the defaults make a valid one.</summary>
public sealed record TokenSpec
{
    public string? Issuer { get; init; } = "https://api.botframework.com";

    public string? Audience { get; init; } = FakeBotFrameworkChannel.AppId;

    /// <summary>The serviceurl claim; null = the activity's service URL.</summary>
    public string? ServiceUrl { get; init; }

    public string? TenantClaim { get; init; }

    /// <summary>Offsets from the fake channel's clock.</summary>
    public TimeSpan NotBefore { get; init; } = TimeSpan.FromMinutes(-1);

    public TimeSpan Expires { get; init; } = TimeSpan.FromMinutes(59);

    /// <summary>Sign with these credentials instead of the published key.</summary>
    public SigningCredentials? Credentials { get; init; }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public bool Unsigned { get; init; }
}
