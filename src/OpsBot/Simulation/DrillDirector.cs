using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Replays;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using k8s;

namespace OpsBot.Simulation;

/// <summary>
/// Drills on the embedded simulator: start a scenario on a fresh cluster, step its virtual clock,
/// go back to the e-commerce baseline. Only one drill operation runs at a time. Against a real cluster
/// there is no simulator (<see cref="Simulator"/> is null) and nothing here may run.
/// </summary>
public sealed class DrillDirector(EmbeddedCluster? embedded, TimeProvider timeProvider) : IDisposable
{
    /// <summary>The healthy scenario <c>/drill stop</c> returns to.</summary>
    public const string Baseline = "ecommerce-baseline";

    /// <summary>The longest <c>/drill advance</c> accepted.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromHours(24);

    // Controllers are stepped 10 simulated seconds at a time so that a long advance can stop within its budget.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private static readonly Lazy<IReadOnlyList<ScenarioDefinition>> Catalog = new(() => ScenarioCatalog.Default.List());
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReplayRun? _replay;

    /// <summary>The embedded simulator, or null when OpsBot talks to a real cluster (it is only registered then).</summary>
    public ClusterSimulator? Simulator => embedded is { Simulator.IsRunning: true } ? embedded.Simulator : null;

    /// <summary>Every scenario the simulator ships, baseline included, by name.</summary>
    public static IReadOnlyList<ScenarioDefinition> Scenarios => Catalog.Value;

    /// <summary>Whether <paramref name="client"/> talks to the embedded simulator (drills act on no other cluster).</summary>
    public bool Serves(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Simulator is { } sim && client is k8s.Kubernetes { BaseUri: { } address } && Uri.Compare(address, sim.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>The loaded scenario and the virtual clock; null against a real cluster.</summary>
    public DrillStatus? Status() => Simulator is { } sim ? StatusOf(sim) : null;

    /// <summary>Empties the cluster and loads <paramref name="scenario"/> on it, as if the simulator had just started with it.</summary>
    public Task<DrillStatus> StartAsync(string scenario, CancellationToken cancellationToken = default)
    {
        var sim = Require();
        if (!ScenarioCatalog.Default.Contains(scenario))
        {
            throw new ArgumentException($"No scenario named '{scenario}'.", nameof(scenario));
        }

        return ResetAsync(
            sim,
            () =>
            {
                sim.Engine.Paused = false;
                _replay = null;
                sim.Control.LoadScenario(scenario);
            },
            cancellationToken);
    }

    /// <summary>
    /// Empties the cluster and loads a recorded one (<paramref name="dump"/>, called <paramref name="name"/>) as
    /// recorded — uids, creation times, owners, status and Events kept — with the clock put back to the dump's newest
    /// timestamp and the controllers paused, so the cluster stays as it was when recorded until <c>/drill stop</c>.
    /// Resource versions are restamped after the simulator's own: watches opened before the drill (kubectl, caches)
    /// see the replay as changes, in order.
    /// </summary>
    public Task<DrillStatus> StartReplayAsync(string name, ClusterDump dump, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dump);
        var sim = Require();
        foreach (var obj in dump.Objects)
        {
            ObjectMeta.Metadata(obj).Remove("resourceVersion");
        }

        return ResetAsync(
            sim,
            () =>
            {
                sim.Engine.Paused = true;
                var at = dump.NewestTimestamp ?? sim.Clock.GetUtcNow();
                sim.Clock.Set(at);
                var result = ReplayLoader.Load(sim, dump, at);
                _replay = new ReplayRun(name, at, result);
            },
            cancellationToken);
    }

    /// <summary>What the last <see cref="StartReplayAsync"/> loaded, while that replay is the drill; null otherwise.</summary>
    public ReplayResult? Replay => _replay?.Result;

    /// <summary>Back to the healthy e-commerce baseline.</summary>
    public Task<DrillStatus> StopAsync(CancellationToken cancellationToken = default) => StartAsync(Baseline, cancellationToken);

    /// <summary>
    /// Steps the controllers through <paramref name="duration"/> of virtual time, stopping early once
    /// <paramref name="budget"/> of real time is spent (a simulated hour takes seconds of CPU) or the caller
    /// cancels; the result says how much ran.
    /// </summary>
    public async Task<DrillAdvance> AdvanceAsync(TimeSpan duration, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var sim = Require();
        if (duration <= TimeSpan.Zero || duration > MaxAdvance)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Advance by more than zero and at most {MaxAdvance}.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = timeProvider.GetTimestamp();
            var advanced = TimeSpan.Zero;
            while (advanced < duration && (advanced == TimeSpan.Zero || timeProvider.GetElapsedTime(started) < budget))
            {
                var step = duration - advanced < Step ? duration - advanced : Step;
                var before = sim.Clock.GetUtcNow();
                try
                {
                    await sim.Engine.AdvanceAsync(step, cancellationToken).ConfigureAwait(false);
                    advanced += step;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The command's deadline came within a step: report what did run, not a failure.
                    var done = sim.Clock.GetUtcNow() - before;
                    advanced += done < step ? TimeSpan.FromSeconds(Math.Floor(done.TotalSeconds)) : step;
                    break;
                }
            }

            return new DrillAdvance(duration, advanced, StatusOf(sim));
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    // Freezes the clock, empties the cluster (keeping who may call it), runs load, and lets the clock go on.
    private async Task<DrillStatus> ResetAsync(ClusterSimulator sim, Action load, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var speed = sim.Clock.Speed;
            sim.Clock.Speed = 0;
            try
            {
                // With the clock frozen the background loop ticks no more; this step waits out a tick in flight.
                await sim.Engine.StepAsync(cancellationToken).ConfigureAwait(false);
                sim.Engine.Controllers.OfType<ScenarioInjector>().FirstOrDefault()?.Schedule(sim.Clock.GetUtcNow(), []);
                var access = AccessControl(sim);
                sim.Store.Clear();
                foreach (var ns in SystemNamespaces)
                {
                    sim.Manifests.Apply(Namespace(ns));
                }

                sim.Metrics.Clear();
                // One tick over the empty cluster: the kubelet and the HPA controller forget the old pods and autoscalers.
                await sim.Engine.StepAsync(CancellationToken.None).ConfigureAwait(false);
                load();
                // Restored as they were (uids included), so tokens issued before the drill stay valid.
                sim.Store.Restore(access);
            }
            finally
            {
                sim.Clock.Speed = speed;
            }

            return StatusOf(sim);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ClusterSimulator Require() =>
        Simulator ?? throw new InvalidOperationException("Drills need the embedded simulator; this OpsBot talks to a real cluster.");

    private DrillStatus StatusOf(ClusterSimulator sim)
    {
        if (_replay is { } replay)
        {
            return new DrillStatus(replay.Name, $"Replay of a recorded cluster ({replay.Result.ObjectCount} objects)", replay.At, sim.Clock.GetUtcNow(), sim.Clock.Speed, [], 0)
            {
                IsReplay = true,
            };
        }

        var clock = sim.Control.Clock();
        var name = (string?)clock["scenario"];
        var title = name is null ? null : Scenarios.FirstOrDefault(s => s.Name == name)?.Title;
        return new DrillStatus(
            name,
            title,
            (string?)clock["scenarioStartedAt"] is { } started ? DateTimeOffset.Parse(started, System.Globalization.CultureInfo.InvariantCulture) : null,
            sim.Clock.GetUtcNow(),
            sim.Clock.Speed,
            [.. (clock["injected"] as JsonArray ?? []).Select(node => (string?)node ?? string.Empty)],
            (int?)clock["pendingInjections"] ?? 0);
    }

    /// <summary>
    /// What a drill keeps, as a real cluster would across an incident: ServiceAccounts (with the namespaces holding them)
    /// and RBAC. An OpsBot running in-cluster with a ServiceAccount against this simulator keeps its identity and its roles.
    /// </summary>
    private static List<(GroupVersionResource Resource, JsonObject Object)> AccessControl(ClusterSimulator sim)
    {
        var kept = new List<(GroupVersionResource, JsonObject)>();
        var accounts = sim.Store.List(BuiltInResources.ServiceAccounts.Resource, null).Items;
        var namespaces = accounts.Select(ObjectMeta.Namespace).Where(ns => ns.Length > 0 && !SystemNamespaces.Contains(ns)).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            if (sim.Store.TryGet(BuiltInResources.Namespaces.Resource, null, ns) is { } obj)
            {
                kept.Add((BuiltInResources.Namespaces.Resource, obj));
            }
        }

        foreach (var definition in new[] { BuiltInResources.ServiceAccounts, BuiltInResources.Roles, BuiltInResources.RoleBindings, BuiltInResources.ClusterRoles, BuiltInResources.ClusterRoleBindings })
        {
            kept.AddRange(sim.Store.List(definition.Resource, null).Items.Select(obj => (definition.Resource, obj)));
        }

        // A fresh resourceVersion each, after the scenario's objects.
        foreach (var (_, obj) in kept)
        {
            obj["metadata"]!.AsObject().Remove("resourceVersion");
        }

        return kept;
    }

    private static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };

    private sealed record ReplayRun(string Name, DateTimeOffset At, ReplayResult Result);
}
