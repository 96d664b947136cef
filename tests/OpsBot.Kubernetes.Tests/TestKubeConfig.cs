using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes.Tests;

/// <summary>Builds a one-context kubeconfig object (context "test", cluster "test-cluster", user "test-user").</summary>
internal static class TestKubeConfig
{
    public static K8SConfiguration Object(Uri server, ClusterEndpoint? cluster = null, UserCredentials? user = null, string? @namespace = null) => new()
    {
        CurrentContext = "test",
        Clusters = [new Cluster { Name = "test-cluster", ClusterEndpoint = (cluster ?? new ClusterEndpoint()) with { Server = server.ToString() } }],
        Users = [new User { Name = "test-user", UserCredentials = user ?? new UserCredentials() }],
        Contexts = [new Context { Name = "test", ContextDetails = new ContextDetails { Cluster = "test-cluster", User = "test-user", Namespace = @namespace } }],
    };

    /// <summary>The configuration of that kubeconfig, trusting <see cref="TestPki.Ca"/> unless a cluster is given.</summary>
    public static KubernetesClientConfiguration Build(Uri server, UserCredentials? user = null, ClusterEndpoint? cluster = null) =>
        KubernetesClientConfiguration.BuildConfigFromConfigObject(
            Object(server, cluster ?? new ClusterEndpoint { CertificateAuthorityData = TestPki.Ca.CertificateData }, user));

    /// <summary>An HttpClient the way the client core builds one.</summary>
    public static HttpClient Client(KubernetesClientConfiguration configuration, TimeProvider? timeProvider = null) =>
        new(configuration.CreateHttpMessageHandler(timeProvider)) { BaseAddress = configuration.Host };
}
