namespace OpsBot.ClusterSim.Scenarios;

/// <summary>A scenario loaded into a simulator: what it is, when it started and how many objects it created.</summary>
public sealed record ScenarioLoadResult(ScenarioDefinition Scenario, DateTimeOffset StartedAt, int ObjectCount, int InjectionCount);
