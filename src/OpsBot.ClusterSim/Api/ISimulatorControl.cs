using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api;

/// <summary>The simulator's control endpoints (<c>/sim/scenarios</c>, <c>/sim/clock</c>): scenarios and virtual time.</summary>
public interface ISimulatorControl
{
    /// <summary><c>{"scenarios":[{name,title,description,expected,injections},…]}</c>.</summary>
    JsonObject ListScenarios();

    /// <summary>Loads a scenario; null when there is no such scenario.</summary>
    JsonObject? LoadScenario(string name);

    /// <summary>Steps the controllers through <paramref name="duration"/> of virtual time; returns the clock.</summary>
    Task<JsonObject> AdvanceClockAsync(TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary><c>{now, startTime, speed, scenario, injected, pendingInjections}</c>.</summary>
    JsonObject Clock();
}
