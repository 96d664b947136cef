using OpsBot.ClusterSim.Serialization;
using OpsBot.ClusterSim.Controllers;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>Applies a loaded scenario's injections when the virtual clock reaches them (one controller per engine).</summary>
public sealed class ScenarioInjector(InjectionApplier applier) : ISimulationController
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset Due, ScenarioInjection Injection, string Namespace)> _pending = [];
    private readonly List<string> _applied = [];

    public string Name => "scenario-injector";

    /// <summary>What has been injected so far, oldest first (<c>2026-11-20T03:02:00Z patch deployment/checkout</c>).</summary>
    public IReadOnlyList<string> Applied
    {
        get
        {
            lock (_lock)
            {
                return [.. _applied];
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Replaces the schedule (loading a scenario forgets the previous one's pending injections).</summary>
    public void Schedule(DateTimeOffset start, IEnumerable<(ScenarioInjection Injection, string Namespace)> injections)
    {
        lock (_lock)
        {
            _pending.Clear();
            _pending.AddRange(injections.Select(i => (start + i.Injection.After, i.Injection, i.Namespace)).OrderBy(i => i.Item1));
        }
    }

    public void Reconcile(SimulationContext context)
    {
        List<(DateTimeOffset Due, ScenarioInjection Injection, string Namespace)> due;
        lock (_lock)
        {
            due = [.. _pending.Where(p => p.Due <= context.Now)];
            _pending.RemoveAll(p => p.Due <= context.Now);
        }

        foreach (var (_, injection, ns) in due)
        {
            applier.Apply(injection, ns);
            lock (_lock)
            {
                _applied.Add($"{KubernetesTime.Format(context.Now)} {injection.Action} {injection.Target}".TrimEnd());
            }
        }
    }
}
