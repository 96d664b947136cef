using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Access;
using OpsBot.ClusterSim.Serialization;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    private static readonly ResourceDefinition TokenRequestKind = BuiltInResources.ServiceAccounts with { Group = "authentication.k8s.io", Kind = "TokenRequest" };

    /// <summary>
    /// <c>POST serviceaccounts/NAME/token</c> (<c>kubectl create token NAME [--duration 1h] [--audience a]
    /// [--bound-object-kind Pod --bound-object-name p]</c>): an <c>authentication.k8s.io/v1 TokenRequest</c> answered
    /// with a signed token that authenticates as the ServiceAccount (201). expirationSeconds defaults to 3600, at least
    /// 600; audiences default to the API server's.
    /// </summary>
    // https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/
    private async Task HandleTokenRequestAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadAccessObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var spec = body["spec"] as JsonObject ?? [];
        var ns = request.Path.Namespace ?? "";
        var name = request.Path.Name!;
        var seconds = ObjectMeta.Int64(spec["expirationSeconds"]) ?? (long)ServiceAccountTokens.DefaultExpiration.TotalSeconds;
        if (seconds < ServiceAccountTokens.MinimumExpiration.TotalSeconds || seconds > 1L << 32)
        {
            var detail = seconds < ServiceAccountTokens.MinimumExpiration.TotalSeconds
                ? "may not specify a duration less than 10 minutes"
                : "may not specify a duration larger than 2^32 seconds";
            throw new ApiException(StatusErrors.Invalid(TokenRequestKind, name, [FieldError.Invalid("spec.expirationSeconds", seconds.ToString(CultureInfo.InvariantCulture), detail)]));
        }

        var audiences = spec["audiences"] is JsonArray a ? a.Select(x => (string?)x).OfType<string>().ToList() : [];
        var bound = BoundObject(ns, name, spec["boundObjectRef"] as JsonObject);
        var account = _store.Get(BuiltInResources.ServiceAccounts.Resource, ns, name);
        string token = "";
        var expires = Now + TimeSpan.FromSeconds(seconds);
        if (!request.DryRun)
        {
            var issued = AccessOrDefault.Tokens.Issue(ns, name, TimeSpan.FromSeconds(seconds), audiences, bound);
            (token, expires) = (issued.Token, issued.ExpiresAt);
        }

        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = ObjectMeta.Name(account), ["namespace"] = ns, ["creationTimestamp"] = null },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. (audiences.Count > 0 ? audiences : [ServiceAccountTokens.ApiAudience]).Select(x => (JsonNode?)x)]),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = KubernetesTime.Format(expires) },
        };
        await JsonResponses.WriteAsync(request.Context, 201, response, cancellationToken).ConfigureAwait(false);
    }

    private BoundObjectReference? BoundObject(string ns, string name, JsonObject? reference)
    {
        if (reference is null || (string?)reference["name"] is not { Length: > 0 } boundName)
        {
            return null;
        }

        var kind = (string?)reference["kind"] ?? "";
        var resource = kind switch
        {
            "Pod" => SimResources.Pods,
            "Secret" => SimResources.Secrets,
            _ => throw new ApiException(StatusErrors.Invalid(TokenRequestKind, name, [new FieldError("spec.boundObjectRef.kind", "FieldValueNotSupported", $"\"{kind}\": supported values: \"Pod\", \"Secret\"")])),
        };
        var target = _store.Get(resource, ns, boundName);
        var uid = ObjectMeta.Uid(target) ?? "";
        if ((string?)reference["uid"] is { Length: > 0 } wanted && wanted != uid)
        {
            throw new ApiException(StatusErrors.Conflict(
                resource,
                boundName,
                $"Operation cannot be fulfilled on {resource.GroupResource} \"{boundName}\": the UID in the bound object reference ({wanted}) does not match the UID in record. The object might have been deleted and then recreated"));
        }

        return new BoundObjectReference(kind, boundName, uid);
    }
}
