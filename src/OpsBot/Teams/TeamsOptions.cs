namespace OpsBot.Teams;

/// <summary>
/// The Teams bot (section <c>Teams</c>). Teams is on only when <see cref="AppId"/> and
/// <see cref="AppPassword"/> are both set; <see cref="TeamsOptionsValidator"/> checks the rest at start.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Bot Connector's OpenID metadata: the keys that sign the tokens Teams sends to the bot.</summary>
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The bot's Microsoft App ID (the app registration's client id): the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret; used only to get outbound tokens. Never logged.</summary>
    public string? AppPassword { get; set; }

    /// <summary>
    /// Set for a single-tenant bot: outbound tokens come from this tenant, and only activities (and
    /// tokens) of this tenant are accepted. Empty = multi-tenant.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>Where the inbound signing keys are published.</summary>
    /// <value>The default value is <see cref="DefaultOpenIdMetadataUrl"/>.</value>
    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>The OAuth token endpoint for the client-credentials grant.</summary>
    /// <value>The default value is <c>https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token</c>,
    /// or <c>…/{TenantId}/oauth2/v2.0/token</c> when <see cref="TenantId"/> is set.</value>
    public string? TokenEndpoint { get; set; }

    /// <summary>Both credentials are set: the Teams endpoint and connector are on.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    public bool IsSingleTenant => !string.IsNullOrWhiteSpace(TenantId);

    public Uri MetadataUri => new(string.IsNullOrWhiteSpace(OpenIdMetadataUrl) ? DefaultOpenIdMetadataUrl : OpenIdMetadataUrl);

    // https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector
    public Uri TokenUri => new(!string.IsNullOrWhiteSpace(TokenEndpoint)
        ? TokenEndpoint
        : $"https://login.microsoftonline.com/{(IsSingleTenant ? TenantId!.Trim() : "botframework.com")}/oauth2/v2.0/token");
}
