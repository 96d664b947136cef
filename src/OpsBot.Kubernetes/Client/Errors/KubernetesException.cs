using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// The API server refused a request. <see cref="Exception.Message"/> is the server's own message
/// (safe to show a user); <see cref="Status"/> holds the whole <c>Status</c> body when there was one.
/// </summary>
public class KubernetesException : Exception
{
    public KubernetesException(string message, HttpStatusCode statusCode, V1Status? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    public V1Status? Status { get; }

    /// <summary>The Status reason (NotFound, Conflict, Invalid, …) or null when the server sent none.</summary>
    public string? Reason => Status?.Reason;
}
