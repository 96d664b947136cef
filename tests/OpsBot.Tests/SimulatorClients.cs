using k8s;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Kubernetes;

namespace OpsBot.Tests;

/// <summary>Official clients (<see cref="IKubernetes"/>) for a simulator, built as OpsBot builds them: from its kubeconfig, with OpsBot's handler chain.</summary>
internal static class SimulatorClients
{
    /// <summary>No retries unless asked: a test that meets an error sees it at once.</summary>
    public static IKubernetes Create(ClusterSimulator sim, KubernetesResilienceOptions? options = null, params DelegatingHandler[] handlers)
    {
        var path = Path.Combine(Path.GetTempPath(), $"opsbot-tests-{Guid.NewGuid():N}.kubeconfig");
        try
        {
            sim.WriteKubeconfig(path);
            return KubernetesClients.Create(KubeconfigLoader.Build(path), options ?? new KubernetesResilienceOptions { MaxRetries = 0 }, handlers);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
