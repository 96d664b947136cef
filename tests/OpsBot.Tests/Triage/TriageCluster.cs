using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.Kubernetes;
using OpsBot.Tests.Commands;
using OpsBot.Triage;
using k8s;

namespace OpsBot.Tests.Triage;

/// <summary>
/// A simulated cluster (frozen clock) with OpsBot's real pipeline over HTTP, /triage registered: load a scenario or
/// objects, advance the controllers, ask /triage, read the reply and its JSON report.
/// </summary>
public sealed class TriageCluster : IAsyncDisposable
{
    public const string Ns = "ecommerce-production";
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private readonly IChatPipeline _pipeline;

    private TriageCluster(ClusterSimulator sim, IKubernetes client)
    {
        Sim = sim;
        Client = client;
        _pipeline = CreatePipeline(sim.Clock, client);
    }

    public ClusterSimulator Sim { get; }

    public IKubernetes Client { get; }

    public static IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Authorization:Users:0:Id"] = "console:alice",
        ["Authorization:Users:0:Roles:0"] = "sre",
        ["Authorization:Users:1:Id"] = "console:carol",
        ["Authorization:Users:1:Roles:0"] = "viewer",
        ["Authorization:Roles:sre:Permissions:read:0"] = "*",
        ["Authorization:Roles:sre:Permissions:triage:0"] = "*",
        ["Authorization:Roles:viewer:Permissions:read:0"] = "*",
        ["Channels:Items:0:Id"] = "console:incident",
        ["Channels:Items:0:Namespaces:0"] = "*",
        ["Channels:Items:0:DefaultNamespace"] = Ns,
    };

    /// <summary>A cluster running <paramref name="scenario"/> (controllers on), advanced by <paramref name="advance"/>.</summary>
    public static async Task<TriageCluster> ScenarioAsync(string scenario, TimeSpan advance)
    {
        var cluster = await StartAsync(new ClusterSimulatorOptions { StartTime = Start, Speed = 0, UseHttps = false }, sim => ScenarioCatalog.Default.Load(sim, scenario));
        await cluster.Sim.Engine.AdvanceAsync(advance);
        return cluster;
    }

    /// <summary>A cluster that serves exactly what <paramref name="load"/> puts in it (controllers off).</summary>
    public static Task<TriageCluster> RecordedAsync(DateTimeOffset now, Action<ClusterSimulator> load) =>
        StartAsync(new ClusterSimulatorOptions { StartTime = now, Speed = 0, UseHttps = false, ControllersEnabled = false }, load);

    /// <summary>A cluster that replays <paramref name="dump"/> exactly as recorded (controllers off, clock at the dump's newest time).</summary>
    public static async Task<TriageCluster> ReplayAsync(OpsBot.ClusterSim.Replays.ClusterDump dump)
    {
        var sim = ClusterSimulator.ForReplay(dump, options: new ClusterSimulatorOptions { ControllersEnabled = false, Speed = 0, UseHttps = false });
        await sim.StartAsync();
        return new TriageCluster(sim, SimulatorClients.Create(sim));
    }

    private static async Task<TriageCluster> StartAsync(ClusterSimulatorOptions options, Action<ClusterSimulator> load)
    {
        var sim = new ClusterSimulator(options);
        load(sim);
        await sim.StartAsync();
        var client = SimulatorClients.Create(sim);
        return new TriageCluster(sim, client);
    }

    public static IChatPipeline CreatePipeline(TimeProvider clock, IKubernetes client)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Configuration).Build();
        return ClusterFixture.CreatePipeline(clock, client, Configuration, services =>
        {
            services.AddSingleton<IConfiguration>(config);
            services.AddOpsBotTriage();
        }).Pipeline;
    }

    /// <summary>Runs <paramref name="text"/> as alice in #incident.</summary>
    public async Task<TriageAnswer> AskAsync(string text, string user = "alice")
    {
        var reply = await _pipeline.HandleAsync(ClusterFixture.Console(text, user));
        return new TriageAnswer(reply, reply.Report as JsonObject);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }
}

/// <summary>A /triage reply and its report, with shortcuts to the findings.</summary>
public sealed record TriageAnswer(ChatReply Reply, JsonObject? Report)
{
    public string Text => ClusterFixture.Render(Reply);

    public IReadOnlyList<JsonObject> Findings => [.. (Report?["findings"] as JsonArray ?? []).OfType<JsonObject>()];

    /// <summary>The root cause's finding (null when healthy).</summary>
    public JsonObject? Root => Report?["rootCauseId"]?.GetValue<string>() is { } id ? Findings.Single(f => (string?)f["id"] == id) : null;

    public IReadOnlyList<string> Kinds => [.. Findings.Select(f => (string)f["kind"]!)];

    public static IReadOnlyList<JsonObject> Actions(JsonObject finding) => [.. (finding["actions"] as JsonArray ?? []).OfType<JsonObject>()];

    public IReadOnlyList<string> Missing => [.. (Report?["missing"] as JsonArray ?? []).OfType<JsonObject>().Select(m => (string)m["what"]! + ": " + (string)m["reason"]!)];
}
