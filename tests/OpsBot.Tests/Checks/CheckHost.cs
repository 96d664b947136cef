using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Clusters;
using OpsBot.Simulation;
using OpsBot.Tests.Console;
using OpsBot.Console;

namespace OpsBot.Tests.Checks;

/// <summary>The real host on its embedded simulator, with what the checks' tests need: the cluster, its clock, the alert channel's feed.</summary>
internal sealed class CheckHost : IAsyncDisposable
{
    private CheckHost(OpsBotHost host)
    {
        Host = host;
        Console = new ConsoleClient(host.CreateClient(), "alice", "incident");
    }

    public OpsBotHost Host { get; }

    public ConsoleClient Console { get; }

    public IKubernetes Cluster => Host.Services.GetRequiredService<IClusterProvider>().GetClient(null);

    public ClusterSimulator Simulator => Host.Services.GetRequiredService<EmbeddedCluster>().Simulator;

    public DateTimeOffset ClusterNow => Simulator.Clock.GetUtcNow();

    public static CheckHost Start(params (string Key, string Value)[] settings) => new(new OpsBotHost(settings));

    public static CheckHost Start(Action<IServiceCollection> services, params (string Key, string Value)[] settings) => new(new OpsBotHost(services, settings));

    /// <summary>The bot's own posts in a console channel (alerts), oldest first.</summary>
    public IReadOnlyList<ConsoleFeedEntry> Alerts(string channel = "sre") =>
        [.. Host.Services.GetRequiredService<ConsoleFeed>().Read(channel, 0).Messages.Where(message => message.User is null)];

    /// <summary>Creates or replaces a <c>kubernetes.io/tls</c> Secret whose certificate ends at <paramref name="notAfter"/>.</summary>
    public async Task PutTlsSecretAsync(string ns, string name, DateTimeOffset notAfter, params string[] hosts)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(notAfter.AddDays(-90), notAfter);
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]>
            {
                ["tls.crt"] = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()),
                ["tls.key"] = Encoding.ASCII.GetBytes(key.ExportRSAPrivateKeyPem()),
            },
        };
        try
        {
            await Cluster.CoreV1.ReplaceNamespacedSecretAsync(secret, name, ns);
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await Cluster.CoreV1.CreateNamespacedSecretAsync(secret, ns);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
