using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The request failed because the credentials were not accepted (401).</summary>
public sealed class KubernetesUnauthorizedException(string message, HttpStatusCode statusCode, V1Status? status = null)
    : KubernetesException(message, statusCode, status);
