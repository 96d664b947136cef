using System.Net.Http;
using OpsBot.Kubernetes;

namespace OpsBot.Commands;

/// <summary>Turns what the cluster (or the way to it) threw into a sentence for the channel.</summary>
public static class KubernetesErrorMessages
{
    /// <summary>A plain answer for <paramref name="error"/>, or <see langword="null"/> when it is not a cluster error (a bug).</summary>
    public static string? Describe(Exception error, string clusterName, TimeSpan timeout) => error switch
    {
        KubernetesNotFoundException notFound => $"Not found: {notFound.Message}.",
        KubernetesForbiddenException forbidden => $"The cluster {clusterName} refused OpsBot's service account: {forbidden.Message}. Its RBAC needs to allow this read.",
        KubernetesUnauthorizedException => $"The cluster {clusterName} did not accept OpsBot's credentials (401). Check the kubeconfig or the service-account token.",
        KubernetesTooManyRequestsException => $"The cluster {clusterName} is throttling requests (429). Try again in a moment.",
        KubernetesTimeoutException or TimeoutException => $"The cluster {clusterName} did not answer within {Seconds(timeout)}.",
        KubernetesServerException server => $"The cluster {clusterName} answered with a server error: {server.Message}",
        KubernetesException other => $"The cluster {clusterName} answered with an error: {other.Message}",
        HttpRequestException http => $"Could not reach the cluster {clusterName}: {http.Message}",
        _ => null,
    };

    public static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0} s";
}
