using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace OpsBot.Testing.Teams;

/// <summary>An RSA key the fake channel signs with, published (or not) with its channel endorsements.</summary>
public sealed class FakeSigningKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public FakeSigningKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Endorsements = endorsements;
    }

    public string Kid { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public SigningCredentials Credentials => new(new RsaSecurityKey(_rsa) { KeyId = Kid }, SecurityAlgorithms.RsaSha256);

    /// <summary>The JWK as login.botframework.com publishes it: RSA, sig, kid, n, e, endorsements.</summary>
    public JsonObject Jwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. Endorsements.Select(channel => (JsonNode)channel)]),
        };
    }

    public void Dispose() => _rsa.Dispose();
}
