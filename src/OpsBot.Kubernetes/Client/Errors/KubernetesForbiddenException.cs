using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The request failed because the credentials lack permission (403).</summary>
public sealed class KubernetesForbiddenException(string message, HttpStatusCode statusCode, V1Status? status = null)
    : KubernetesException(message, statusCode, status);
