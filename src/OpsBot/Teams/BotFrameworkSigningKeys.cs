using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OpsBot.Teams;

/// <summary>
/// The keys that sign Bot Connector tokens: OpenID metadata (<see cref="TeamsOptions.OpenIdMetadataUrl"/>)
/// → <c>jwks_uri</c> → keys with their <c>endorsements</c>. Cached; fetched again after
/// <see cref="RefreshInterval"/>, and when a token names an unknown <c>kid</c> (a key rotation) at most
/// once per <see cref="UnknownKeyRefreshInterval"/>. A failed refresh keeps the keys it had.
/// https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// </summary>
public sealed partial class BotFrameworkSigningKeys
{
    /// <summary>Microsoft asks bots to refresh at least every 24 h; OpsBot does so twice as often.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);

    /// <summary>Unknown <c>kid</c>s refresh no more often than this, so forged tokens cannot hammer the metadata.</summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory _http;
    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotFrameworkSigningKeys> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeySet? _current;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public BotFrameworkSigningKeys(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider time, ILogger<BotFrameworkSigningKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The current keys, fetched first if none are cached or they are older than <see cref="RefreshInterval"/>.</summary>
    public Task<SigningKeySet> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _current;
        return current is not null && !IsStale(current)
            ? Task.FromResult(current)
            : RefreshAsync(keys => keys is null || IsStale(keys), cancellationToken);
    }

    /// <summary>Fetches again for a <c>kid</c> the cached keys do not know, unless that was tried moments ago.</summary>
    public Task<SigningKeySet> RefreshForUnknownKeyAsync(string kid, CancellationToken cancellationToken = default) =>
        RefreshAsync(keys => keys is null || (!keys.Keys.ContainsKey(kid) && _time.GetUtcNow() - _lastAttempt >= UnknownKeyRefreshInterval), cancellationToken);

    private bool IsStale(SigningKeySet keys) => _time.GetUtcNow() - keys.FetchedAt >= RefreshInterval;

    private async Task<SigningKeySet> RefreshAsync(Func<SigningKeySet?, bool> needed, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!needed(_current))
            {
                return _current!;
            }

            _lastAttempt = _time.GetUtcNow();
            try
            {
                _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
                LogFetched(_current.Keys.Count, _options.MetadataUri);
            }
            catch (Exception error) when (error is HttpRequestException or JsonException or ArgumentException or InvalidOperationException
                                              || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogFetchFailed(error, _options.MetadataUri, _current is not null);
                if (_current is null)
                {
                    throw new SigningKeysUnavailableException($"Could not load the Bot Framework signing keys from {_options.MetadataUri}: {error.Message}", error);
                }
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SigningKeySet> FetchAsync(CancellationToken cancellationToken)
    {
        var client = _http.CreateClient(TeamsServiceCollectionExtensions.HttpClientName);
        var metadataJson = await client.GetStringAsync(_options.MetadataUri, cancellationToken).ConfigureAwait(false);
        var metadata = OpenIdConnectConfiguration.Create(metadataJson);
        if (!Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var jwksUri) || !ServiceUrls.IsSecureOrLoopback(jwksUri))
        {
            throw new InvalidOperationException($"The OpenID metadata's jwks_uri \"{metadata.JwksUri}\" is not an https URL.");
        }

        var jwksJson = await client.GetStringAsync(jwksUri, cancellationToken).ConfigureAwait(false);
        var set = new JsonWebKeySet(jwksJson);
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in set.Keys)
        {
            if (!string.IsNullOrEmpty(key.Kid) && key.Kty == JsonWebAlgorithmsKeyTypes.RSA)
            {
                keys[key.Kid] = key;
            }
        }

        return new SigningKeySet(keys, Endorsements(jwksJson), _time.GetUtcNow());
    }

    // Read straight from the JSON: "endorsements" is a Bot Framework extension of the JWK.
    private static Dictionary<string, IReadOnlySet<string>> Endorsements(string jwksJson)
    {
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return endorsements;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind == JsonValueKind.Object
                && key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements[kid.GetString()!] = list.EnumerateArray()
                    .Where(item => item.ValueKind == JsonValueKind.String)
                    .Select(item => item.GetString()!)
                    .ToHashSet(StringComparer.Ordinal);
            }
        }

        return endorsements;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} Bot Framework signing keys from {MetadataUrl}")]
    private partial void LogFetched(int count, Uri metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the Bot Framework signing keys from {MetadataUrl} (keeping the previous keys: {HasPrevious})")]
    private partial void LogFetchFailed(Exception error, Uri metadataUrl, bool hasPrevious);
}
