using System.Globalization;

namespace OpsBot.Triage;

/// <summary>Where a proposed command runs: its <c>-n</c> and, when triage was asked with one, <c>--cluster</c>.</summary>
/// <param name="Namespace">The namespace of the objects the command changes.</param>
/// <param name="Cluster">The <c>--cluster</c> triage was run with, repeated so the action hits the same cluster.</param>
public sealed record CommandScopeSuffix(string Namespace, string? Cluster = null)
{
    /// <summary><c> -n NS [--cluster C]</c>.</summary>
    public string Namespaced => " -n " + Namespace + ClusterOnly;

    /// <summary><c> [--cluster C]</c> (for cluster-scoped objects: nodes).</summary>
    public string ClusterOnly => Cluster is null ? string.Empty : " --cluster " + Cluster;

    /// <summary><c>120s</c>.</summary>
    public static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture) + "s";
}
