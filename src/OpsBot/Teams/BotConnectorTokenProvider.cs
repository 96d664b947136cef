using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace OpsBot.Teams;

/// <summary>
/// The bot's own token for the Bot Connector: OAuth client credentials (app id + password) for the
/// scope <see cref="Scope"/>. Cached and fetched anew <see cref="RefreshBefore"/> before it expires,
/// one request at a time. https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector
/// </summary>
public sealed partial class BotConnectorTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>How long before expiry a cached token is replaced.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _http;
    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotConnectorTokenProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public BotConnectorTokenProvider(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider time, ILogger<BotConnectorTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } fresh && _time.GetUtcNow() < fresh.RefreshAt)
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } cached && _time.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Token;
            }

            var (token, lifetime) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            // Short-lived tokens are replaced at half their life rather than never being cached.
            var early = lifetime > RefreshBefore * 2 ? lifetime - RefreshBefore : lifetime / 2;
            _cached = (token, _time.GetUtcNow() + early);
            LogIssued(lifetime.TotalMinutes);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (the connector answered 401 to it).</summary>
    public void Invalidate() => _cached = null;

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.AppId!,
            ["client_secret"] = _options.AppPassword!,
            ["scope"] = Scope,
        });
        var client = _http.CreateClient(TeamsServiceCollectionExtensions.HttpClientName);
        using var response = await client.PostAsync(_options.TokenUri, form, cancellationToken).ConfigureAwait(false);
        JsonObject? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // reported below with the status
        }

        if (!response.IsSuccessStatusCode || TeamsActivities.StringAt(body, "access_token") is not { Length: > 0 } token)
        {
            // The error code (e.g. invalid_client) says what to fix; the description may echo request data, so it is left out.
            var code = TeamsActivities.StringAt(body, "error") ?? "no access_token";
            throw new BotConnectorException(
                $"The token endpoint {_options.TokenUri} refused the client-credentials request: HTTP {(int)response.StatusCode} {code}. Check Teams:AppId, Teams:AppPassword and Teams:TenantId.",
                (int)response.StatusCode);
        }

        var seconds = body!["expires_in"] is JsonValue value && (value.TryGetValue<int>(out var number) || (value.TryGetValue<string>(out var text) && int.TryParse(text, out number)))
            ? number
            : 3600;
        return (token, TimeSpan.FromSeconds(Math.Max(seconds, 1)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Got a Bot Connector token valid for {Minutes:0} min")]
    private partial void LogIssued(double minutes);
}
