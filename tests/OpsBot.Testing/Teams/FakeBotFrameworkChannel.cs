using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;


namespace OpsBot.Testing.Teams;

/// <summary>
/// Microsoft's side of a Teams bot, on loopback: the OpenID metadata and JWKS (own RSA keys with
/// endorsements) that sign the activities it sends, the OAuth token endpoint (client credentials,
/// checking the app id, secret and scope) and the Bot Connector (<c>{serviceUrl}/v3/conversations…</c>),
/// which demands a token the token endpoint issued and not yet expired, records every call, and can be
/// told to answer 429 first (<see cref="FailNext"/>) or to refuse a seeded share of calls with 429 and 502, or to
/// carry a share out and answer 502 anyway (<see cref="InjectFaults"/>). Shared by the tests and the benchmarks (<c>tests/OpsBot.Testing</c>).
/// </summary>
public sealed class FakeBotFrameworkChannel : IAsyncDisposable
{
    public const string AppId = "9f5e2c1a-0b7d-4c3e-8a21-6d4f3b2a1c00";
    public const string AppPassword = "s3cret-Teams-Password-NeverLogged";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string BotId = "28:" + AppId;

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly System.Diagnostics.Stopwatch _elapsed = System.Diagnostics.Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentQueue<(int Status, bool Applied)> _failures = new();
    private readonly List<FakeSigningKey> _retired = [];
    private List<FakeSigningKey> _published;
    private int _tokenRequests;
    private int _metadataRequests;
    private int _activityIds = 5000;
    private FakeTeamsFaults? _faults;
    private Random? _faultDraws;
    private int _rateLimited;
    private int _badGateways;
    private int _appliedThenBadGateways;

    private FakeBotFrameworkChannel(WebApplication app, ManualTimeProvider time)
    {
        _app = app;
        Time = time;
        Key = new FakeSigningKey("key-1", "msteams", "webchat");
        WebChatOnlyKey = new FakeSigningKey("key-webchat", "webchat");
        _published = [Key, WebChatOnlyKey];
    }

    public Uri BaseAddress { get; private set; } = null!;

    public ManualTimeProvider Time { get; }

    /// <summary>Real time since the fake started (what <see cref="ConnectorCall.ReceivedAt"/> is measured on), unlike <see cref="Time"/>.</summary>
    public TimeSpan Elapsed => _elapsed.Elapsed;

    /// <summary>The published key endorsed for msteams that valid tokens are signed with.</summary>
    public FakeSigningKey Key { get; private set; }

    /// <summary>A published key endorsed only for webchat.</summary>
    public FakeSigningKey WebChatOnlyKey { get; }

    public string ServiceUrl => BaseAddress + "amer/";

    public string MetadataUrl => BaseAddress + "v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseAddress + "oauth2/v2.0/token";

    /// <summary>The token lifetime the token endpoint grants.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int TokenRequests => _tokenRequests;

    public int MetadataRequests => _metadataRequests;

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>Settings that point an OpsBot host at this channel.</summary>
    public (string Key, string Value)[] Settings =>
    [
        ("Teams:AppId", AppId),
        ("Teams:AppPassword", AppPassword),
        ("Teams:OpenIdMetadataUrl", MetadataUrl),
        ("Teams:TokenEndpoint", TokenEndpoint),
    ];

    public static async Task<FakeBotFrameworkChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var channel = new FakeBotFrameworkChannel(builder.Build(), new ManualTimeProvider());
        channel.Map();
        await channel._app.StartAsync();
        var address = channel._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        channel.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return channel;
    }

    private void Map()
    {
        _app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _metadataRequests);
            return Results.Json(new JsonObject
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = BaseAddress + "v1/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        });
        _app.MapGet("/v1/keys", () =>
        {
            lock (_lock)
            {
                return Results.Json(new JsonObject { ["keys"] = new JsonArray([.. _published.Select(key => (JsonNode)key.Jwk())]) });
            }
        });
        _app.MapPost("/oauth2/v2.0/token", IssueToken);
        _app.Map("/amer/v3/{**rest}", ConnectorAsync);
    }

    /// <summary>Publishes a new signing key in place of the current one (a key rotation).</summary>
    public FakeSigningKey Rotate(string kid)
    {
        var next = new FakeSigningKey(kid, "msteams");
        lock (_lock)
        {
            _retired.Add(Key);
            _published = [next, WebChatOnlyKey];
            Key = next;
        }

        return next;
    }

    /// <summary>The next connector calls are answered with these statuses (and <c>Retry-After: 1</c>).</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _failures.Enqueue((status, false));
        }
    }

    /// <summary>The next connector calls are carried out (a post is written) and then answered with these statuses.</summary>
    public void FailNextAfterApplying(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _failures.Enqueue((status, true));
        }
    }

    /// <summary>From now on, seeded 429 and 502 answers to connector calls (<see langword="null"/>: none).</summary>
    public void InjectFaults(FakeTeamsFaults? faults)
    {
        lock (_lock)
        {
            _faults = faults;
            _faultDraws = faults is null ? null : new Random(faults.Seed);
        }
    }

    /// <summary>How many connector calls the injected faults refused, by kind.</summary>
    public (int RateLimited, int BadGateway) InjectedFaults => (Volatile.Read(ref _rateLimited), Volatile.Read(ref _badGateways));

    /// <summary>How many connector calls were carried out and then answered 502 (<see cref="FakeTeamsFaults.AppliedThenBadGatewayRate"/>).</summary>
    public int AppliedThenBadGateways => Volatile.Read(ref _appliedThenBadGateways);

    /// <summary>A JWT as the Bot Connector signs it for <paramref name="serviceUrl"/>.</summary>
    public string Token(string serviceUrl, TokenSpec? spec = null)
    {
        spec ??= new TokenSpec();
        var now = Time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["serviceurl"] = spec.ServiceUrl ?? serviceUrl, ["appid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db" };
        if (spec.TenantClaim is { } tenant)
        {
            claims["tid"] = tenant;
        }

        if (spec.Unsigned)
        {
            var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"key-1"}""");
            var payload = new JsonObject
            {
                ["iss"] = spec.Issuer,
                ["aud"] = spec.Audience,
                ["serviceurl"] = spec.ServiceUrl ?? serviceUrl,
                ["nbf"] = new DateTimeOffset(now + spec.NotBefore).ToUnixTimeSeconds(),
                ["exp"] = new DateTimeOffset(now + spec.Expires).ToUnixTimeSeconds(),
            };
            return header + "." + Base64UrlEncoder.Encode(payload.ToJsonString()) + ".";
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = now + spec.NotBefore,
            NotBefore = now + spec.NotBefore,
            Expires = now + spec.Expires,
            Claims = claims,
            SigningCredentials = spec.Credentials ?? Key.Credentials,
        });
    }

    /// <summary>Waits (polling) until the connector has received a call matching <paramref name="match"/>.</summary>
    public async Task<ConnectorCall> WaitForCallAsync(Func<ConnectorCall, bool> match, int count = 1)
    {
        for (var i = 0; i < 3000; i++)
        {
            var found = Calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The fake connector got no matching call; it got: {string.Join(", ", Calls.Select(call => call.Method + " " + call.Path + " " + call.Status))}");
    }

    private IResult IssueToken(HttpContext context)
    {
        var form = context.Request.ReadFormAsync().GetAwaiter().GetResult();
        Interlocked.Increment(ref _tokenRequests);
        if (form["grant_type"] != "client_credentials" || form["client_id"] != AppId || form["client_secret"] != AppPassword)
        {
            return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
        }

        if (form["scope"] != "https://api.botframework.com/.default")
        {
            return Results.Json(new { error = "invalid_scope" }, statusCode: 400);
        }

        var token = "connector-token-" + Guid.NewGuid().ToString("n");
        _tokens[token] = Time.GetUtcNow() + TokenLifetime;
        return Results.Json(new { token_type = "Bearer", expires_in = (int)TokenLifetime.TotalSeconds, ext_expires_in = (int)TokenLifetime.TotalSeconds, access_token = token });
    }

    private async Task ConnectorAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        var path = context.Request.Path.Value!;
        var method = context.Request.Method;
        var receivedAt = _elapsed.Elapsed;
        int status;
        JsonObject answer;
        string? appliedId = null;
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var auth)
            || auth.Scheme != "Bearer" || auth.Parameter is null
            || !_tokens.TryGetValue(auth.Parameter, out var expires) || Time.GetUtcNow() >= expires)
        {
            (status, answer) = (401, Error("Unauthorized", "Authorization has been denied for this request."));
        }
        else if (_failures.TryDequeue(out var failure))
        {
            context.Response.Headers.RetryAfter = "1";
            appliedId = failure.Applied && body is not null ? AppliedId(method, path, body) : null;
            (status, answer) = (failure.Status, Error("Throttled", "Too many requests."));
        }
        else if (DrawFault() is { } injected)
        {
            if (injected.Status == 429)
            {
                context.Response.Headers.RetryAfter = injected.RetryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (injected.Applied && body is not null)
            {
                appliedId = AppliedId(method, path, body);
            }

            (status, answer) = (injected.Status, injected.Status == 429 ? Error("Throttled", "Too many requests.") : Error("BadGateway", "The service is temporarily unavailable."));
        }
        else if (!(context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.Ordinal) || body is null)
        {
            (status, answer) = (400, Error("BadArgument", "The body must be a JSON activity."));
        }
        else
        {
            (status, answer) = Route(method, path, body);
        }

        _calls.Enqueue(new ConnectorCall(method, path, body, status)
        {
            ActivityId = appliedId ?? (string?)answer["activityId"] ?? (string?)answer["id"],
            AppliedDespiteError = appliedId is not null,
            ReceivedAt = receivedAt,
        });
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(answer, context.RequestAborted);
    }

    // One seeded draw per authenticated call: 429, 502 (nothing written), 502 after writing, or nothing.
    private (int Status, int RetryAfter, bool Applied)? DrawFault()
    {
        lock (_lock)
        {
            if (_faults is not { } faults || _faultDraws is null)
            {
                return null;
            }

            var draw = _faultDraws.NextDouble();
            if (draw < faults.RateLimitRate)
            {
                Interlocked.Increment(ref _rateLimited);
                return (429, faults.RetryAfterSeconds, false);
            }

            if (draw < faults.RateLimitRate + faults.BadGatewayRate)
            {
                Interlocked.Increment(ref _badGateways);
                return (502, 0, false);
            }

            if (draw < faults.RateLimitRate + faults.BadGatewayRate + faults.AppliedThenBadGatewayRate)
            {
                Interlocked.Increment(ref _appliedThenBadGateways);
                return (502, 0, true);
            }

            return null;
        }
    }

    // The backend carries the call out; the gateway then answers an error anyway. The written id, if any.
    private string? AppliedId(string method, string path, JsonObject body)
    {
        var (written, answer) = Route(method, path, body);
        return written is >= 200 and < 300 ? (string?)answer["activityId"] ?? (string?)answer["id"] : null;
    }

    private (int Status, JsonObject Answer) Route(string method, string path, JsonObject body)
    {
        var id = Interlocked.Increment(ref _activityIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var segments = path["/amer/v3/".Length..].Split('/');
        if (method == "POST" && segments is ["conversations"])
        {
            var channelId = (string?)body["channelData"]?["channel"]?["id"];
            return channelId is null || body["activity"] is null || (string?)body["bot"]?["id"] is null
                ? (400, Error("BadArgument", "A conversation needs bot, channelData.channel.id and activity."))
                : (201, new JsonObject { ["id"] = channelId + ";messageid=" + id, ["activityId"] = id });
        }

        if ((string?)body["type"] != "message")
        {
            return (400, Error("BadArgument", "Unknown activity type."));
        }

        return (method, segments) switch
        {
            ("POST", ["conversations", _, "activities"]) => (201, new JsonObject { ["id"] = id }),
            ("POST", ["conversations", _, "activities", _]) => (201, new JsonObject { ["id"] = id }),
            ("PUT", ["conversations", _, "activities", var activityId]) => (200, new JsonObject { ["id"] = activityId }),
            _ => (404, Error("NotFound", "Unknown route.")),
        };
    }

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _retired.Append(Key).Append(WebChatOnlyKey))
        {
            key.Dispose();
        }
    }
}
