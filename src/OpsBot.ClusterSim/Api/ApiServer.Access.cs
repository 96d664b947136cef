using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Access;
using OpsBot.ClusterSim.Api.Protobuf;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    /// <summary>Authentication, impersonation and RBAC; null: no token required, requests without a ServiceAccount token act as the admin.</summary>
    public AccessControl? Access { get; init; }

    private AccessControl? _defaultAccess;

    /// <summary>The access control in force, or one that admits every request without a ServiceAccount token as the admin.</summary>
    private AccessControl AccessOrDefault => Access ?? (_defaultAccess ??= new AccessControl(_store, _store.Clock, adminToken: null, tokenRequired: false));

    private void Admit(HttpContext context) => AccessOrDefault.Admit(context);

    /// <summary>
    /// <c>authorization.k8s.io/v1</c> SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview and
    /// SelfSubjectRulesReview; <c>authentication.k8s.io/v1</c> SelfSubjectReview and TokenReview. Answered from the
    /// same authenticator and authorizer as every request (201, the review with its status), never stored.
    /// </summary>
    // https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
    private async Task HandleReviewAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Path.Name is not null)
        {
            throw new ApiException(StatusErrors.MethodNotAllowed());
        }

        var definition = request.Definition;
        var review = await ReadAccessObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var spec = review["spec"] as JsonObject ?? [];
        var user = AccessControl.UserOf(request.Context);
        var access = AccessOrDefault;
        var status = definition.Kind switch
        {
            "SelfSubjectAccessReview" => AccessReviewStatus(access, AccessAttributes(definition, user, spec, null)),
            "SubjectAccessReview" => AccessReviewStatus(access, AccessAttributes(definition, SubjectOf(definition, spec), spec, null)),
            "LocalSubjectAccessReview" => AccessReviewStatus(access, AccessAttributes(definition, SubjectOf(definition, spec), spec, request.Path.Namespace)),
            "SelfSubjectRulesReview" => RulesReviewStatus(access, user, (string?)spec["namespace"] ?? ""),
            "SelfSubjectReview" => new JsonObject { ["userInfo"] = UserInfoJson(user) },
            _ => TokenReviewStatus(access, spec),
        };
        var metadata = new JsonObject { ["creationTimestamp"] = null };
        if (request.Path.Namespace is { } ns)
        {
            metadata["namespace"] = ns;
        }

        var response = new JsonObject { ["kind"] = definition.Kind, ["apiVersion"] = definition.ApiVersion, ["metadata"] = metadata };
        if (definition.Kind != "SelfSubjectReview")
        {
            response["spec"] = spec.DeepClone();
        }

        response["status"] = status;
        await JsonResponses.WriteAsync(request.Context, 201, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body as JSON, decoding the protobuf kubectl 1.32 sends for these kinds.</summary>
    private static async Task<JsonObject> ReadAccessObjectAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var http = request.Context.Request;
        var kind = request.Definition.Kind is "ServiceAccount" ? "TokenRequest" : request.Definition.Kind;
        JsonNode body;
        if (http.ContentType is { } contentType && contentType.StartsWith(KubernetesProtobuf.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            try
            {
                body = AccessProtobuf.Read(buffer.ToArray());
            }
            catch (FormatException e)
            {
                throw new ApiException(StatusErrors.BadRequest($"the body of the request could not be decoded as a {kind}: {e.Message}"));
            }
        }
        else
        {
            body = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
        }

        if (body is not JsonObject obj || (ObjectMeta.GetString(obj, "kind") is { Length: > 0 } bodyKind && bodyKind != kind))
        {
            throw new ApiException(StatusErrors.BadRequest($"the object provided is unrecognized (must be of type {kind})"));
        }

        return obj;
    }

    private static RequestAttributes AccessAttributes(ResourceDefinition definition, UserInfo user, JsonObject spec, string? pathNamespace)
    {
        var resource = spec["resourceAttributes"] as JsonObject;
        var nonResource = spec["nonResourceAttributes"] as JsonObject;
        if (resource is not null && nonResource is not null)
        {
            throw new ApiException(StatusErrors.Invalid(definition, "", [FieldError.Invalid("spec.nonResourceAttributes", nonResource.ToJsonString(), "cannot be specified in combination with resourceAttributes")]));
        }

        if (resource is null && nonResource is null)
        {
            throw new ApiException(StatusErrors.Invalid(definition, "", [FieldError.Invalid("spec.resourceAttributes", "\"null\"", "exactly one of nonResourceAttributes or resourceAttributes must be specified")]));
        }

        if (nonResource is not null)
        {
            return new RequestAttributes { User = user, Verb = (string?)nonResource["verb"] ?? "", Path = (string?)nonResource["path"] ?? "" };
        }

        var ns = (string?)resource!["namespace"] ?? "";
        if (pathNamespace is not null && ns.Length > 0 && ns != pathNamespace)
        {
            throw new ApiException(StatusErrors.Invalid(definition, "", [FieldError.Invalid("spec.resourceAttributes.namespace", $"\"{ns}\"", "must match metadata.namespace")]));
        }

        return new RequestAttributes
        {
            User = user,
            Verb = (string?)resource["verb"] ?? "",
            IsResourceRequest = true,
            ApiGroup = (string?)resource["group"] ?? "",
            ApiVersion = (string?)resource["version"] is { Length: > 0 } version ? version : "*",
            Resource = (string?)resource["resource"] ?? "",
            Subresource = (string?)resource["subresource"] ?? "",
            Namespace = pathNamespace ?? ns,
            Name = (string?)resource["name"] ?? "",
        };
    }

    private static UserInfo SubjectOf(ResourceDefinition definition, JsonObject spec)
    {
        var name = (string?)spec["user"] ?? "";
        var groups = spec["groups"] is JsonArray g ? g.Select(x => (string?)x).OfType<string>().ToList() : [];
        if (name.Length == 0 && groups.Count == 0)
        {
            throw new ApiException(StatusErrors.Invalid(definition, "", [FieldError.Invalid("spec.user", "\"\"", "at least one of user or group must be specified")]));
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in spec["extra"] as JsonObject ?? [])
        {
            extra[key] = values is JsonArray a ? [.. a.Select(x => (string?)x).OfType<string>()] : [];
        }

        return new UserInfo(name, (string?)spec["uid"] ?? "", groups, extra);
    }

    private static JsonObject AccessReviewStatus(AccessControl access, RequestAttributes attributes)
    {
        var decision = access.Authorizer.Authorize(attributes);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        return status;
    }

    private static JsonObject RulesReviewStatus(AccessControl access, UserInfo user, string ns)
    {
        var (rules, errors) = access.Authorizer.RulesFor(user, ns);
        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray([.. rules.Where(r => r.Resources.Count > 0).Select(r => (JsonNode)r.ToResourceRuleJson())]),
            ["nonResourceRules"] = new JsonArray([.. rules.Where(r => r.NonResourceUrls.Count > 0).Select(r => (JsonNode)r.ToNonResourceRuleJson())]),
            ["incomplete"] = errors.Count > 0,
        };
        if (errors.Count > 0)
        {
            status["evaluationError"] = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors.Distinct(StringComparer.Ordinal)) + "]";
        }

        return status;
    }

    private static JsonObject TokenReviewStatus(AccessControl access, JsonObject spec)
    {
        var audiences = spec["audiences"] is JsonArray a ? a.Select(x => (string?)x).OfType<string>().ToList() : [];
        var token = (string?)spec["token"] ?? "";
        var user = access.IsAdminToken(token) ? UserInfo.Admin : access.Tokens.Authenticate(token, audiences);
        if (user is null)
        {
            return new JsonObject { ["user"] = new JsonObject(), ["error"] = "[invalid bearer token, token lookup failed]" };
        }

        return new JsonObject
        {
            ["authenticated"] = true,
            ["user"] = UserInfoJson(user),
            ["audiences"] = new JsonArray([.. (audiences.Count > 0 ? audiences : [ServiceAccountTokens.ApiAudience]).Select(x => (JsonNode?)x)]),
        };
    }

    private static JsonObject UserInfoJson(UserInfo user)
    {
        var info = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        info["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode?)g)]);
        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, values) in user.Extra)
            {
                extra[key] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
            }

            info["extra"] = extra;
        }

        return info;
    }
}
