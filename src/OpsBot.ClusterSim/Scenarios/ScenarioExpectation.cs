namespace OpsBot.ClusterSim.Scenarios;

/// <summary>
/// What triage should conclude for a scenario: the incident class, the resource at fault and the remedy — and, for a pod
/// with several containers, the container at fault (<see cref="Container"/>).
/// </summary>
public sealed record ScenarioExpectation(string Diagnosis, string Resource, string SuggestedAction, string? Image = null, string? Container = null);
