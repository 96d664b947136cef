using OpsBot.ClusterSim.Serialization;
using System.Text.RegularExpressions;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Controllers.Kubelet;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>
/// <c>${now}</c>, <c>${now-3d}</c>, <c>${now+2h}</c> in a scenario file become RFC 3339 times relative to the
/// virtual clock when it loads, so recorded statuses (a Certificate's notAfter) stay consistent with it.
/// </summary>
public static partial class TimePlaceholders
{
    public static string Expand(string text, DateTimeOffset now) => Placeholder().Replace(text, m =>
    {
        var offset = m.Groups[2].Success ? DurationText.Parse(m.Groups[2].Value) : TimeSpan.Zero;
        return KubernetesTime.Format(m.Groups[1].Value == "-" ? now - offset : now + offset);
    });

    [GeneratedRegex(@"\$\{now(?:([+-])(\d+(?:ms|s|m|h|d)))?\}")]
    private static partial Regex Placeholder();
}
