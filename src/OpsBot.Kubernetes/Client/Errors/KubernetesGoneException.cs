using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The request failed because the resourceVersion or continue token is too old (410): relist.</summary>
public sealed class KubernetesGoneException(string message, HttpStatusCode statusCode, V1Status? status = null)
    : KubernetesException(message, statusCode, status);
