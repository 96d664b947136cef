using System.Net;
using System.Text.Json;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>Maps an error response (a <c>Status</c> body when the server sent one) to a typed exception.</summary>
internal static class KubernetesErrors
{
    // https://kubernetes.io/docs/reference/using-api/api-concepts/#responses
    public static KubernetesException FromResponse(HttpStatusCode code, string body, string method, string path)
    {
        var status = TryParseStatus(body);
        var message = !string.IsNullOrWhiteSpace(status?.Message)
            ? status!.Message!
            : $"{method} {path} failed: {(int)code} {code}{Describe(body)}";
        return (code, status?.Reason) switch
        {
            (HttpStatusCode.NotFound, _) => new KubernetesNotFoundException(message, code, status),
            (HttpStatusCode.Conflict, "AlreadyExists") => new KubernetesAlreadyExistsException(message, code, status),
            (HttpStatusCode.Conflict, _) => new KubernetesConflictException(message, code, status),
            (HttpStatusCode.UnprocessableEntity, _) => new KubernetesInvalidException(message, code, status),
            (HttpStatusCode.Forbidden, _) => new KubernetesForbiddenException(message, code, status),
            (HttpStatusCode.Unauthorized, _) => new KubernetesUnauthorizedException(message, code, status),
            (HttpStatusCode.Gone, _) => new KubernetesGoneException(message, code, status),
            (HttpStatusCode.TooManyRequests, _) => new KubernetesTooManyRequestsException(message, code, status),
            _ when (int)code >= 500 => new KubernetesServerException(message, code, status),
            _ => new KubernetesException(message, code, status),
        };
    }

    /// <summary>Maps a Status carried inside a watch ERROR event.</summary>
    public static KubernetesException FromStatus(V1Status status) =>
        FromResponse((HttpStatusCode)(status.Code ?? 500), KubernetesJson.Serialize(status), "WATCH", status.Details?.Name ?? "");

    private static V1Status? TryParseStatus(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body[0] != '{')
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(body);
            return status.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A non-Status body (a proxy's HTML page, say) is summarised, never dumped whole.
    private static string Describe(string body)
    {
        var text = body.Trim();
        if (text.Length == 0)
        {
            return "";
        }

        return ": " + (text.Length > 200 ? text[..200] + "…" : text);
    }
}
