using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Actions;
using OpsBot.Chat;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s.Models;
using k8s;

namespace OpsBot.Tests.Actions;

/// <summary>
/// A simulator (frozen clock, controllers and kubelet on) with a scenario loaded, OpsBot's real client over HTTP, actions
/// that verify on the virtual clock, and the real command parser over every action's definition.
/// </summary>
public sealed class ActionCluster : IAsyncDisposable
{
    public const string Ns = "ecommerce-production";
    public const string WorkflowId = "wf-0001";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private readonly CommandParser _parser;

    private ActionCluster(ClusterSimulator sim, IKubernetes client)
    {
        Sim = sim;
        Client = client;
        _parser = new CommandParser(new CommandCatalog(Actions.Select(a => a.Definition)));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(sim.Clock).BuildServiceProvider();
        OnSimulatedTime = [.. ClusterActions.Types.Select(t => (IClusterAction)ActivatorUtilities.CreateInstance(services, t))];
    }

    // As DI builds them, with no cluster clock and the system's time (planning and applying read no clock).
    public static IReadOnlyList<IClusterAction> Actions { get; } = [.. ClusterActions.Types.Select(t => (IClusterAction)ActivatorUtilities.CreateInstance(new ServiceCollection().BuildServiceProvider(), t))];

    /// <summary>The actions as DI builds them with the simulator's clock as the bot's own, so that verification matures as the clock advances.</summary>
    public IReadOnlyList<IClusterAction> OnSimulatedTime { get; }

    public ClusterSimulator Sim { get; }

    public IKubernetes Client { get; }

    public static async Task<ActionCluster> StartAsync(string scenario = "ecommerce-baseline")
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = Start, Speed = 0, UseHttps = false });
        ScenarioCatalog.Default.Load(sim, scenario);
        await sim.StartAsync();
        var client = SimulatorClients.Create(sim);
        return new ActionCluster(sim, client);
    }

    public static T Action<T>()
        where T : IClusterAction => Actions.OfType<T>().Single();

    public Task AdvanceAsync(TimeSpan duration) => Sim.Engine.AdvanceAsync(duration);

    /// <summary>The request as a handler would get it: parsed by the real parser, namespace from -n or the channel's default.</summary>
    public CommandContext Context(string text)
    {
        var command = _parser.Parse(text).Command ?? throw new InvalidOperationException($"\"{text}\" parsed as a help request.");
        return new CommandContext
        {
            Request = new ChatRequest { Platform = ChatPlatform.Console, UserId = "alice", ChannelId = "incident", Text = text },
            Command = command,
            ClusterName = "sim",
            Client = Client,
            Namespace = command.Namespace ?? Ns,
            IsNamespaceVisible = _ => true,
            Time = Sim.Clock,
            Options = new CommandOptions(),
        };
    }

    /// <summary>Parses <paramref name="text"/> and plans it with the action its command belongs to.</summary>
    public Task<ActionPlan> PlanAsync(string text)
    {
        var context = Context(text);
        return Actions.Single(a => a.Definition == context.Command.Definition).PlanAsync(context);
    }

    public static IClusterAction ActionFor(ActionPlan plan) => Actions.Single(a => a.Kind == plan.Kind);

    /// <summary>Looks every <paramref name="step"/> of virtual time until the verification is decided or <paramref name="limit"/> passes.</summary>
    public async Task<(VerificationResult Result, TimeSpan After)> VerifyUntilDecidedAsync(ActionPlan plan, TimeSpan limit, TimeSpan? step = null)
    {
        var action = OnSimulatedTime.Single(a => a.Kind == plan.Kind);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var result = await action.VerifyAsync(plan, WorkflowId, Client);
            if (result.Status != VerificationStatus.Pending || waited >= limit)
            {
                return (result, waited);
            }

            var by = step ?? TimeSpan.FromSeconds(10);
            await AdvanceAsync(by);
            waited += by;
        }
    }

    public JsonObject Deployment(string name) => Sim.Store.Get(SimResources.Deployments, Ns, name);

    public string? ResourceVersion(string name) => ObjectMeta.ResourceVersion(Deployment(name));

    /// <summary>The deployment's generation: it rises only when its spec changes (status updates leave it).</summary>
    public long Generation(string name) => ObjectMeta.Generation(Deployment(name));

    public IReadOnlyList<JsonObject> Pods(string app) =>
        [.. Sim.Store.List(SimResources.Pods, Ns).Items.Where(p => ObjectMeta.Label(p, "app") == app && p["metadata"]?["deletionTimestamp"] is null)];

    public IReadOnlyList<JsonObject> Statuses(string app) =>
        [.. Pods(app).Select(p => p["status"]?["containerStatuses"]?[0]).OfType<JsonObject>()];

    public IReadOnlyList<string> Logs(string app) =>
        [.. Pods(app).SelectMany(p => Sim.Logs.Read(Ns, ObjectMeta.Name(p), app, false) ?? []).Select(l => l.Text)];

    /// <summary>The log lines the app's pods wrote from <paramref name="since"/> on (virtual time).</summary>
    public IReadOnlyList<string> LogsSince(string app, DateTimeOffset since) =>
        [.. Pods(app).SelectMany(p => Sim.Logs.Read(Ns, ObjectMeta.Name(p), app, false) ?? []).Where(l => l.Timestamp >= since).Select(l => l.Text)];

    public IReadOnlyList<long> CpuMillicores(string app)
    {
        var names = Pods(app).Select(ObjectMeta.Name).ToHashSet(StringComparer.Ordinal);
        return [.. Sim.Metrics.GetPodMetrics(Ns).Where(p => names.Contains(p.Name)).Select(p => p.Containers.Single().CpuMillicores)];
    }

    public static string? Annotation(JsonObject obj, string key) => ObjectMeta.Annotation(obj, key);

    public static string? Stamp(JsonObject obj) => ObjectMeta.Annotation(obj, ActionAnnotations.WorkflowId);

    public static string Image(JsonObject deployment, int container = 0) =>
        (string)deployment["spec"]!["template"]!["spec"]!["containers"]![container]!["image"]!;

    public static V1Pod ToPod(JsonObject pod) => k8s.KubernetesJson.Deserialize<V1Pod>(pod.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }
}
