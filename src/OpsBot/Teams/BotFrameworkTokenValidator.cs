using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpsBot.Chat;

namespace OpsBot.Teams;

/// <summary>
/// Checks the <c>Authorization: Bearer</c> JWT of an inbound activity the way the Bot Framework SDK
/// does: RS256 only, a key from the published set, issuer, audience = our app id, lifetime with
/// <see cref="ClockSkew"/>, <c>serviceurl</c> = the activity's serviceUrl, the key endorsed for the
/// activity's channel, and for a single-tenant bot the tenant.
/// https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// </summary>
public sealed class BotFrameworkTokenValidator
{
    /// <summary>The issuer of tokens the Bot Connector sends to bots.</summary>
    public const string BotConnectorIssuer = "https://api.botframework.com";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BotFrameworkSigningKeys _keys;
    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkTokenValidator(BotFrameworkSigningKeys keys, IOptions<TeamsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _options = options.Value;
        _time = time;
    }

    /// <summary>
    /// The issuers accepted: the Bot Connector's, plus for a single-tenant bot the tenant's own Entra
    /// issuers (v1 and v2 tokens), which single-tenant Azure Bots may present.
    /// </summary>
    public IReadOnlyList<string> ValidIssuers => _options.IsSingleTenant
        ? [BotConnectorIssuer, $"https://sts.windows.net/{_options.TenantId!.Trim()}/", $"https://login.microsoftonline.com/{_options.TenantId!.Trim()}/v2.0"]
        : [BotConnectorIssuer];

    public async Task<TokenCheck> ValidateAsync(string? authorization, BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
        {
            return TokenCheck.Invalid("no Bearer token in the Authorization header");
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return TokenCheck.Invalid("the activity lacks serviceUrl, channelId or conversation.id");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(authorization[scheme.Length..].Trim());
        }
        catch (ArgumentException)
        {
            return TokenCheck.Invalid("the token is not a well-formed JWT");
        }

        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return TokenCheck.Invalid($"the token is signed with \"{Printable(jwt.Alg)}\"; only RS256 is accepted");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return TokenCheck.Invalid("the token names no signing key (kid)");
        }

        SigningKeySet keys;
        try
        {
            keys = await _keys.GetAsync(cancellationToken).ConfigureAwait(false);
            if (!keys.Keys.ContainsKey(jwt.Kid))
            {
                keys = await _keys.RefreshForUnknownKeyAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SigningKeysUnavailableException)
        {
            return TokenCheck.Invalid("the signing keys could not be loaded");
        }

        if (!keys.Keys.TryGetValue(jwt.Kid, out var key))
        {
            return TokenCheck.Invalid($"the signing key \"{Printable(jwt.Kid)}\" is not published in the OpenID metadata");
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(key)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TokenCheck.Invalid(Describe(result.Exception));
        }

        // https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot (requirement 6)
        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (!ServiceUrls.SameEndpoint(serviceUrl, activity.ServiceUrl))
        {
            return TokenCheck.Invalid("the token's serviceurl claim does not match the activity's serviceUrl");
        }

        if (!keys.IsEndorsed(jwt.Kid, activity.ChannelId))
        {
            return TokenCheck.Invalid($"the signing key is not endorsed for channel \"{Printable(activity.ChannelId)}\"");
        }

        if (_options.IsSingleTenant)
        {
            var tenant = _options.TenantId!.Trim();
            if (!string.Equals(TeamsActivities.TenantOf(activity), tenant, StringComparison.OrdinalIgnoreCase))
            {
                return TokenCheck.Invalid("the activity comes from another tenant than Teams:TenantId");
            }

            if (result.ClaimsIdentity.FindFirst("tid")?.Value is { } tid && !string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
            {
                return TokenCheck.Invalid("the token was issued for another tenant than Teams:TenantId");
            }
        }

        return TokenCheck.Valid(result.ClaimsIdentity);
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuers = ValidIssuers,
        ValidAudience = _options.AppId,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    // The library's own lifetime check reads the system clock; this one reads the injected TimeProvider.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp claim.");
        }

        if (notBefore is { } start && start.ToUniversalTime() > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        }

        return expires.Value.ToUniversalTime() >= now - ClockSkew
            ? true
            : throw new SecurityTokenExpiredException("The token has expired.");
    }

    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenInvalidIssuerException => "the issuer is not the Bot Connector's",
        SecurityTokenInvalidAudienceException => "the audience is not this bot's app id (Teams:AppId)",
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not RS256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the signature does not verify",
        null => "the token is not valid",
        _ => "the token is not valid (" + error.GetType().Name + ")",
    };

    // Token headers are attacker-controlled and the reason is logged: short, and escaped as every logged outside value is.
    private static string Printable(string? text) => LogText.Sanitize(text, 64);
}
