using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// Issues and checks ServiceAccount tokens as the API server's TokenRequest does: JWTs (ES256, a key the simulator
/// makes) with <c>iss</c>/<c>sub</c>/<c>aud</c>/<c>exp</c>/<c>iat</c>/<c>nbf</c>/<c>jti</c> and the
/// <c>kubernetes.io</c> claim (namespace, serviceaccount name and uid, bound pod or secret). A token authenticates
/// while it has not expired on the virtual clock, is meant for the API server's audience, its ServiceAccount still
/// exists with the same uid (and its bound object too), and it has not been retired by a rotation.
/// </summary>
// https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#bound-service-account-tokens
public sealed class ServiceAccountTokens : IDisposable
{
    /// <summary>The API server's audience and issuer, as kubeadm and kind clusters have them.</summary>
    public const string ApiAudience = "https://kubernetes.default.svc.cluster.local";

    public const string Issuer = ApiAudience;

    /// <summary>TokenRequest's default validity (<c>spec.expirationSeconds</c> 3600).</summary>
    public static readonly TimeSpan DefaultExpiration = TimeSpan.FromHours(1);

    /// <summary>The shortest validity the API accepts (10 minutes).</summary>
    public static readonly TimeSpan MinimumExpiration = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly ObjectStore _store;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _retired = new(StringComparer.Ordinal);
    private ECDsa? _key;
    private string _keyId = "";

    public ServiceAccountTokens(ObjectStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    /// <summary>
    /// Signs a token for the ServiceAccount <paramref name="ns"/>/<paramref name="name"/> (which must exist:
    /// <see cref="StoreErrorKind.NotFound"/> otherwise).
    /// </summary>
    public IssuedToken Issue(string ns, string name, TimeSpan? expiration = null, IReadOnlyList<string>? audiences = null, BoundObjectReference? boundObject = null)
    {
        var account = _store.Get(BuiltInResources.ServiceAccounts.Resource, ns, name);
        var uid = ObjectMeta.Uid(account) ?? "";
        var now = _clock.GetUtcNow();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expires = issuedAt + (expiration ?? DefaultExpiration);
        var id = Guid.NewGuid().ToString();
        var audienceList = audiences is { Count: > 0 } ? audiences : [ApiAudience];
        var kubernetes = new JsonObject
        {
            ["namespace"] = ns,
            ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid },
        };
        if (boundObject is not null)
        {
            kubernetes[boundObject.Kind == "Pod" ? "pod" : "secret"] = new JsonObject { ["name"] = boundObject.Name, ["uid"] = boundObject.Uid };
        }

        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audienceList.Select(a => (JsonNode?)a)]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = id,
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["sub"] = UserInfo.ServiceAccountUserName(ns, name),
        };
        return new IssuedToken(Sign(claims), id, ns, name, uid, audienceList, issuedAt, expires);
    }

    /// <summary>
    /// Ends a token's validity early: it stays valid for <paramref name="grace"/> more (zero: at once), never beyond
    /// its own expiry — what a rotation does to the token it replaces.
    /// </summary>
    public void Retire(IssuedToken token, TimeSpan grace)
    {
        var until = _clock.GetUtcNow() + grace;
        _retired[token.Id] = until < token.ExpiresAt ? until : token.ExpiresAt;
    }

    /// <summary>True when <paramref name="token"/> is a JWT this simulator signed (valid or not any more).</summary>
    public bool IsOwnToken(string token) => Verify(token) is not null;

    /// <summary>The ServiceAccount identity of a valid token for <paramref name="audiences"/> (default: the API server's); null otherwise.</summary>
    public UserInfo? Authenticate(string token, IReadOnlyList<string>? audiences = null)
    {
        if (Verify(token) is not { } claims)
        {
            return null;
        }

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var wanted = audiences is { Count: > 0 } ? audiences : [ApiAudience];
        var tokenAudiences = claims["aud"] is JsonArray a ? a.Select(x => (string?)x).ToList() : [(string?)claims["aud"]];
        if ((string?)claims["iss"] != Issuer
            || !tokenAudiences.Any(t => t is not null && wanted.Contains(t))
            || ObjectMeta.Int64(claims["exp"]) is not { } exp || exp <= now
            || ObjectMeta.Int64(claims["nbf"]) is { } nbf && nbf > now
            || (string?)claims["jti"] is not { } id
            || _retired.TryGetValue(id, out var until) && until.ToUnixTimeSeconds() <= now)
        {
            return null;
        }

        var k8s = claims["kubernetes.io"];
        var ns = (string?)k8s?["namespace"] ?? "";
        var name = (string?)k8s?["serviceaccount"]?["name"] ?? "";
        var uid = (string?)k8s?["serviceaccount"]?["uid"] ?? "";
        if (_store.TryGet(BuiltInResources.ServiceAccounts.Resource, ns, name) is not { } account || ObjectMeta.Uid(account) != uid)
        {
            return null;
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["authentication.kubernetes.io/credential-id"] = [$"JTI={id}"] };
        if (k8s?["pod"] is { } pod)
        {
            if (!BoundObjectExists(SimResources.Pods, ns, pod))
            {
                return null;
            }

            extra["authentication.kubernetes.io/pod-name"] = [(string?)pod["name"] ?? ""];
            extra["authentication.kubernetes.io/pod-uid"] = [(string?)pod["uid"] ?? ""];
        }

        if (k8s?["secret"] is { } secret && !BoundObjectExists(SimResources.Secrets, ns, secret))
        {
            return null;
        }

        return UserInfo.ForServiceAccount(ns, name, uid, extra);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _key?.Dispose();
            _key = null;
        }
    }

    private bool BoundObjectExists(GroupVersionResource resource, string ns, JsonNode reference) =>
        _store.TryGet(resource, ns, (string?)reference["name"] ?? "") is { } obj && ObjectMeta.Uid(obj) == (string?)reference["uid"];

    private string Sign(JsonObject claims)
    {
        lock (_lock)
        {
            if (_key is null)
            {
                // Made on first use: most simulators never issue a token.
                _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                _keyId = Base64Url.EncodeToString(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));
            }

            var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _keyId };
            var signingInput = $"{Encode(header)}.{Encode(claims)}";
            var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
            return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
        }
    }

    /// <summary>The claims of a token whose signature is this simulator's; null for anything else.</summary>
    private JsonObject? Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var signature = Base64Url.DecodeFromChars(parts[2]);
            lock (_lock)
            {
                if (_key is null || !_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256))
                {
                    return null;
                }
            }

            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
