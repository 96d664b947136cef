using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

/// <summary>
/// Kubernetes <c>Status</c> bodies with the reasons and messages the real API server uses.
/// https://kubernetes.io/docs/reference/using-api/api-concepts/#responses
/// </summary>
public static class StatusErrors
{
    public static JsonObject Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["details"] = details ?? [],
            ["code"] = code,
        };
        if (reason.Length == 0)
        {
            status.Remove("reason");
        }

        return status;
    }

    public static JsonObject Details(GroupVersionResource resource, string name, string? kind = null)
    {
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = kind ?? resource.Resource;
        return details;
    }

    public static JsonObject NotFound(GroupVersionResource resource, string name) =>
        Status(404, "NotFound", $"{resource.GroupResource} \"{name}\" not found", Details(resource, name));

    public static JsonObject ResourceNotFound() =>
        Status(404, "NotFound", "the server could not find the requested resource");

    public static JsonObject AlreadyExists(GroupVersionResource resource, string name) =>
        Status(409, "AlreadyExists", $"{resource.GroupResource} \"{name}\" already exists", Details(resource, name));

    public static JsonObject Conflict(GroupVersionResource resource, string name, string message) =>
        Status(409, "Conflict", message, Details(resource, name));

    public static JsonObject Expired(string message) => Status(410, "Expired", message);

    public static JsonObject BadRequest(string message) => Status(400, "BadRequest", message);

    public static JsonObject MethodNotAllowed() =>
        Status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static JsonObject UnsupportedMediaType(string contentType) =>
        Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");

    public static JsonObject Unauthorized() => Status(401, "Unauthorized", "Unauthorized");

    public static JsonObject TooManyRequests(int retryAfterSeconds) =>
        Status(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later", new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds });

    public static JsonObject InternalError(string message) =>
        Status(500, "InternalError", $"Internal error occurred: {message}");

    public static JsonObject ServiceUnavailable(string message) => Status(503, "ServiceUnavailable", message);

    /// <summary>422 Invalid with one cause per field error (<c>spec.containers: Required value</c>).</summary>
    public static JsonObject Invalid(ResourceDefinition definition, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var e in errors)
        {
            causes.Add(new JsonObject { ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field });
        }

        var details = Details(definition.Resource, name, definition.Kind);
        details["causes"] = causes;
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return Status(422, "Invalid", $"{definition.QualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>Maps a store failure to the Status the real server sends.</summary>
    public static JsonObject FromStore(StoreException e) => e.Kind switch
    {
        StoreErrorKind.NotFound => NotFound(e.Resource, e.ObjectName),
        StoreErrorKind.AlreadyExists => AlreadyExists(e.Resource, e.ObjectName),
        StoreErrorKind.Conflict => Conflict(e.Resource, e.ObjectName, e.Message),
        _ => Expired(e.Message),
    };
}
