using System.ComponentModel.DataAnnotations;

namespace OpsBot.Simulation;

/// <summary>The embedded simulated cluster (used when no real cluster is configured).</summary>
public sealed class SimulatorOptions : IValidatableObject
{
    public const string Section = "Simulator";

    /// <summary>The scenario loaded at start.</summary>
    /// <value>The default value is <c>ecommerce-baseline</c>.</value>
    public string Scenario { get; set; } = "ecommerce-baseline";

    /// <summary>Virtual seconds per real second.</summary>
    /// <value>The default value is 1 (real time).</value>
    [Range(0, 3600)]
    public double Speed { get; set; } = 1;

    /// <summary>
    /// A folder of recorded clusters (dumps made with <c>tools/dump-cluster.sh</c>) that <c>/drill list</c> shows and
    /// <c>/drill start NAME</c> loads, served as recorded with the controllers off.
    /// </summary>
    /// <value>The default value is null (no replays).</value>
    public string? ReplayDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ClusterSim.Scenarios.ScenarioCatalog.Default.Contains(Scenario))
        {
            yield return new ValidationResult(
                $"Simulator:Scenario '{Scenario}' is not a known scenario; known: {string.Join(", ", ClusterSim.Scenarios.ScenarioCatalog.Default.Names)}.",
                [nameof(Scenario)]);
        }

        if (ReplayDirectory is { Length: > 0 } replays && !Directory.Exists(replays))
        {
            yield return new ValidationResult(
                $"Simulator:ReplayDirectory '{replays}' does not exist; create it (one folder per dump from tools/dump-cluster.sh) or remove the setting.",
                [nameof(ReplayDirectory)]);
        }
    }
}
