using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// What the API server refused, read from the official client's exceptions: <see cref="HttpOperationException"/> (an
/// error response, usually with a <c>Status</c> body) and <see cref="KubernetesException"/> (a watch's ERROR event).
/// <see cref="MessageOf"/> is the server's own message, safe to show a user.
/// </summary>
public static class KubernetesApiErrors
{
    /// <summary>The HTTP status of an API error, or null when <paramref name="error"/> is not one.</summary>
    public static HttpStatusCode? StatusCodeOf(this Exception error) => error switch
    {
        HttpOperationException { Response: { } response } => response.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };

    /// <summary>The <c>Status</c> the server sent with the error, when it sent one.</summary>
    public static V1Status? StatusOf(this Exception error) => error switch
    {
        HttpOperationException http => ParseStatus(http.Response?.Content),
        KubernetesException kubernetes => kubernetes.Status,
        _ => null,
    };

    /// <summary>The Status reason (NotFound, Conflict, AlreadyExists, Invalid, …), when the server sent one.</summary>
    public static string? ReasonOf(this Exception error) => error.StatusOf()?.Reason;

    /// <summary>
    /// The server's message (<c>deployments.apps "web" not found</c>); without a Status body, the call and its status with
    /// the start of the body (a proxy's HTML page is summarised, never dumped whole).
    /// </summary>
    public static string MessageOf(this Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.StatusOf()?.Message is { Length: > 0 } message)
        {
            return message;
        }

        if (error is HttpOperationException { Response: { } response } http)
        {
            var body = (response.Content ?? string.Empty).Trim();
            var call = http.Request is { } request ? $"{request.Method} {request.RequestUri?.AbsolutePath} failed: " : string.Empty;
            return $"{call}{(int)response.StatusCode} {response.StatusCode}{(body.Length == 0 ? string.Empty : ": " + (body.Length > 200 ? body[..200] + "…" : body))}";
        }

        return error.Message;
    }

    /// <summary>Whether <paramref name="error"/> is the API server's answer (any status), not a transport failure or a bug.</summary>
    public static bool IsApiError(this Exception error) => error is HttpOperationException { Response: not null } or KubernetesException;

    public static bool IsNotFound(this Exception error) => error.StatusCodeOf() == HttpStatusCode.NotFound;

    public static bool IsForbidden(this Exception error) => error.StatusCodeOf() == HttpStatusCode.Forbidden;

    public static bool IsUnauthorized(this Exception error) => error.StatusCodeOf() == HttpStatusCode.Unauthorized;

    /// <summary>409 for a stale resourceVersion or a conflicting change (not AlreadyExists).</summary>
    public static bool IsConflict(this Exception error) => error.StatusCodeOf() == HttpStatusCode.Conflict && error.ReasonOf() != "AlreadyExists";

    public static bool IsAlreadyExists(this Exception error) => error.StatusCodeOf() == HttpStatusCode.Conflict && error.ReasonOf() == "AlreadyExists";

    /// <summary>422: the object failed validation; <see cref="StatusOf"/>'s details name each field.</summary>
    public static bool IsInvalid(this Exception error) => error.StatusCodeOf() == HttpStatusCode.UnprocessableEntity;

    /// <summary>410: a continue token or a watch's resourceVersion is too old.</summary>
    public static bool IsGone(this Exception error) => error.StatusCodeOf() == HttpStatusCode.Gone;

    public static bool IsTooManyRequests(this Exception error) => error.StatusCodeOf() == HttpStatusCode.TooManyRequests;

    public static bool IsServerError(this Exception error) => (int?)error.StatusCodeOf() >= 500;

    private static V1Status? ParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(body);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
