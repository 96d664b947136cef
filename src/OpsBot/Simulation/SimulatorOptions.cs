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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ClusterSim.Scenarios.ScenarioCatalog.Default.Contains(Scenario))
        {
            yield return new ValidationResult(
                $"Simulator:Scenario '{Scenario}' is not a known scenario; known: {string.Join(", ", ClusterSim.Scenarios.ScenarioCatalog.Default.Names)}.",
                [nameof(Scenario)]);
        }
    }
}
