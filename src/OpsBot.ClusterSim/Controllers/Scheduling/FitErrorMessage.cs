using System.Globalization;

namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>
/// The scheduler's FitError text: "0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient
/// memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption
/// victims found for incoming pod." — reasons counted across nodes and sorted as strings, as the scheduler does.
/// </summary>
internal static class FitErrorMessage
{
    public const string NoNodes = "no nodes available to schedule pods";

    public static string Build(int nodeCount, IReadOnlyList<FilterFailure> failures)
    {
        if (nodeCount == 0)
        {
            return NoNodes;
        }

        var reasons = Histogram(failures.SelectMany(f => f.Reasons));
        var preemption = Histogram(failures.Select(f => f.Resolvable ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling"));
        return $"0/{nodeCount} nodes are available: {reasons}. preemption: 0/{nodeCount} nodes are available: {preemption}.";
    }

    /// <summary>A PreFilter rejection applies to every node: its message alone, then preemption (not helpful anywhere).</summary>
    public static string ForPreFilter(int nodeCount, string message) =>
        nodeCount == 0
            ? NoNodes
            : string.Create(CultureInfo.InvariantCulture, $"0/{nodeCount} nodes are available: {message}. preemption: 0/{nodeCount} nodes are available: {nodeCount} Preemption is not helpful for scheduling.");

    private static string Histogram(IEnumerable<string> reasons) =>
        string.Join(", ", reasons
            .GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))
            .Order(StringComparer.Ordinal));
}
