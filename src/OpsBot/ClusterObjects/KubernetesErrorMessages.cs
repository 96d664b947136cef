using System.Net.Http;
using OpsBot.Kubernetes;
using k8s.Exceptions;

namespace OpsBot.ClusterObjects;

/// <summary>Turns what the cluster (or the way to it) threw into a sentence for the channel.</summary>
public static class KubernetesErrorMessages
{
    /// <summary>A plain answer for <paramref name="error"/>, or <see langword="null"/> when it is not a cluster error (a bug).</summary>
    public static string? Describe(Exception error, string clusterName, TimeSpan timeout) => error switch
    {
        _ when error.IsNotFound() => $"Not found: {error.MessageOf()}.",
        _ when error.IsForbidden() => $"The cluster {clusterName} refused OpsBot's service account: {error.MessageOf()}. Its RBAC needs to allow this read.",
        _ when error.IsUnauthorized() => $"The cluster {clusterName} did not accept OpsBot's credentials (401). Check the kubeconfig or the service-account token.",
        _ when error.IsTooManyRequests() => $"The cluster {clusterName} is throttling requests (429). Try again in a moment.",
        TimeoutException => $"The cluster {clusterName} did not answer within {Seconds(timeout)}.",
        _ when error.IsServerError() => $"The cluster {clusterName} answered with a server error: {error.MessageOf()}",
        _ when error.IsApiError() => $"The cluster {clusterName} answered with an error: {error.MessageOf()}",
        HttpRequestException http => $"Could not reach the cluster {clusterName}: {http.Message}",
        KubeConfigException config => $"OpsBot cannot connect to the cluster {clusterName}: {config.Message}",
        _ => null,
    };

    public static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0} s";
}
