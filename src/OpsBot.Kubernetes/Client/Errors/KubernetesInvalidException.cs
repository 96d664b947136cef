using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The server rejected the object as invalid (422); <see cref="Causes"/> names each failing field.</summary>
public sealed class KubernetesInvalidException(string message, HttpStatusCode statusCode, V1Status? status = null)
    : KubernetesException(message, statusCode, status)
{
    public IReadOnlyList<V1StatusCause> Causes => Status?.Details?.Causes?.ToArray() ?? [];
}
