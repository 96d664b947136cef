using System.Net;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The request failed because an object with that name already exists (409 AlreadyExists).</summary>
public sealed class KubernetesAlreadyExistsException(string message, HttpStatusCode statusCode, V1Status? status = null)
    : KubernetesException(message, statusCode, status);
