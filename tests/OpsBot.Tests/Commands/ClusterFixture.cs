using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Chat.Rendering;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Tests.Commands;

/// <summary>One simulated cluster, seeded with <see cref="SeedManifests"/>, shared by the command tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public ClusterSimulator Sim { get; } = new(new ClusterSimulatorOptions
    {
        StartTime = Start,
        Speed = 0,
        UseHttps = false,
        ControllersEnabled = false,
    });

    public CountingHandler Requests { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    /// <summary>The simulated now: one hour after <see cref="Start"/>.</summary>
    public DateTimeOffset Now => Sim.Clock.GetUtcNow();

    public static IReadOnlyDictionary<string, string?> DefaultConfiguration { get; } = new Dictionary<string, string?>
    {
        ["Authorization:Users:0:Id"] = "console:alice",
        ["Authorization:Users:0:Roles:0"] = "sre",
        ["Authorization:Users:1:Id"] = "slack:U123",
        ["Authorization:Users:1:Roles:0"] = "viewer",
        ["Authorization:Roles:sre:Permissions:read:0"] = "*",
        ["Authorization:Roles:sre:Permissions:act:0"] = "ecommerce-*",
        ["Authorization:Roles:viewer:Permissions:read:0"] = "ecommerce-*",
        ["Channels:Items:0:Id"] = "console:incident",
        ["Channels:Items:0:Namespaces:0"] = "ecommerce-*",
        ["Channels:Items:0:DefaultNamespace"] = "ecommerce-production",
    };

    public async Task InitializeAsync()
    {
        await Sim.StartAsync();
        var applied = Sim.Manifests.ApplyText(SeedManifests.Yaml);
        var deploymentUid = applied.Single(o => (string?)o["kind"] == "Deployment")["metadata"]!["uid"]!.GetValue<string>();
        Sim.Manifests.ApplyText(SeedManifests.ReplicaSets(deploymentUid));
        Sim.Manifests.ApplyText(SeedManifests.TlsSecret("shop-tls", "shop.example.com", Start.AddHours(1).AddDays(10)));
        Sim.Manifests.ApplyText(SeedManifests.TlsSecret("old-tls", "old.example.com", Start.AddDays(-3)));
        Sim.Manifests.ApplyText(SeedManifests.TlsSecret("api-tls", "api.example.com", Start.AddDays(90)));

        const string Ns = SeedManifests.Namespace;
        Sim.Logs.Append(Ns, "frontend-7d9f-b", "app", "listening on :8080");
        Sim.Logs.Append(Ns, "frontend-7d9f-b", "app", "GET /api/cart Authorization: Bearer sk_live_abcdefghijklmnop");
        Sim.Logs.Append(Ns, "frontend-7d9f-b", "app", "connecting to postgres://shop:hunter2@db:5432/shop password=hunter2");
        Sim.Logs.Append(Ns, "frontend-7d9f-b", "app", "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory");
        Sim.Logs.StartNewRun(Ns, "frontend-7d9f-b", "app");
        Sim.Logs.Append(Ns, "frontend-7d9f-b", "app", "listening on :8080");
        Sim.Metrics.SetContainerUsage(Ns, "frontend-7d9f-a", "app", cpuMillicores: 480, memoryBytes: 300L << 20);
        Sim.Metrics.SetContainerUsage(Ns, "frontend-7d9f-b", "app", cpuMillicores: 900, memoryBytes: 500L << 20);
        Sim.Metrics.SetContainerUsage(Ns, "checkout-5c6b-a", "app", cpuMillicores: 100, memoryBytes: 200L << 20);
        Sim.Metrics.SetNodeUsage("node-a", cpuMillicores: 3000, memoryBytes: 4L << 30);
        Sim.Metrics.SetNodeUsage("node-b", cpuMillicores: 500, memoryBytes: 2L << 30);
        Requests = new CountingHandler();
        Client = SimulatorClients.Create(Sim, handlers: Requests);
        Sim.Clock.Advance(TimeSpan.FromHours(1));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }

    /// <summary>A pipeline wired as the host wires it, over this cluster, with <paramref name="configuration"/> (default: <see cref="DefaultConfiguration"/>).</summary>
    public (IChatPipeline Pipeline, InMemoryAuditLog Audit) CreatePipeline(IReadOnlyDictionary<string, string?>? configuration = null) =>
        CreatePipeline(Sim.Clock, Client, configuration);

    /// <summary>A pipeline over <paramref name="client"/> as cluster "sim", read with <paramref name="clock"/>.</summary>
    public static (IChatPipeline Pipeline, InMemoryAuditLog Audit) CreatePipeline(TimeProvider clock, IKubernetes client, IReadOnlyDictionary<string, string?>? configuration = null, Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? DefaultConfiguration).Build();
        var audit = new InMemoryAuditLog();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<IAuditLog>(audit);
        services.AddSingleton<IClusterProvider>(ClusterProvider.Single("sim", client));
        configure?.Invoke(services);
        services.AddOpsBotCommands(config);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return (provider.GetRequiredService<IChatPipeline>(), audit);
    }

    public static ChatRequest Console(string text, string user = "alice", string channel = "incident") => new()
    {
        Platform = ChatPlatform.Console,
        UserId = user,
        UserName = user,
        ChannelId = channel,
        Text = text,
    };

    public static string Render(ChatReply reply) => new PlainTextRenderer().Render(reply.Message);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
