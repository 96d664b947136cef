using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Scenarios;

namespace OpsBot.ClusterSim.Hosting;

/// <summary>Scenarios and virtual time for the <c>/sim/…</c> control endpoints of one simulator.</summary>
public sealed class SimulatorControl(ClusterSimulator sim, ScenarioCatalog catalog) : ISimulatorControl
{
    private ScenarioLoadResult? _loaded;

    public JsonObject ListScenarios() =>
        new() { ["scenarios"] = new JsonArray([.. catalog.List().Select(s => (JsonNode)s.Summary())]) };

    public JsonObject? LoadScenario(string name)
    {
        if (!catalog.Contains(name))
        {
            return null;
        }

        _loaded = catalog.Load(sim, name);
        var summary = _loaded.Scenario.Summary();
        summary["loadedAt"] = KubernetesTime.Format(_loaded.StartedAt);
        summary["objects"] = _loaded.ObjectCount;
        return summary;
    }

    /// <summary>Remembers a scenario loaded outside the API (the command line).</summary>
    public void Loaded(ScenarioLoadResult result) => _loaded = result;

    public async Task<JsonObject> AdvanceClockAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await sim.Engine.AdvanceAsync(duration, cancellationToken).ConfigureAwait(false);
        return Clock();
    }

    public JsonObject Clock()
    {
        var injector = sim.Engine.Controllers.OfType<ScenarioInjector>().FirstOrDefault();
        return new JsonObject
        {
            ["now"] = KubernetesTime.Format(sim.Clock.GetUtcNow()),
            ["startTime"] = KubernetesTime.Format(sim.Clock.StartTime),
            ["speed"] = sim.Clock.Speed,
            ["scenario"] = _loaded?.Scenario.Name,
            ["scenarioStartedAt"] = _loaded is null ? null : KubernetesTime.Format(_loaded.StartedAt),
            ["injected"] = new JsonArray([.. (injector?.Applied ?? []).Select(a => (JsonNode)JsonValue.Create(a))]),
            ["pendingInjections"] = injector?.PendingCount ?? 0,
        };
    }
}
