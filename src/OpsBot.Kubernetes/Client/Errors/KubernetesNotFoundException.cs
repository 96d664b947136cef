using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The request failed because the named object does not exist (404).</summary>
public sealed class KubernetesNotFoundException(string message, HttpStatusCode statusCode, V1Status? status = null)
    : KubernetesException(message, statusCode, status);
