using System.Globalization;
using k8s.Models;

namespace OpsBot.ClusterObjects;

/// <summary>CPU and memory arithmetic and formatting for replies.</summary>
public static class Quantities
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";

    /// <summary>The quantity named <paramref name="resource"/> in <paramref name="map"/>, as a number (cores or bytes).</summary>
    public static decimal? Get(IDictionary<string, ResourceQuantity>? map, string resource) =>
        map is not null && map.TryGetValue(resource, out var quantity) ? quantity.ToDecimal() : null;

    /// <summary>The sum of a resource over the pod's app containers (as the scheduler counts requests, without init containers).</summary>
    public static decimal Sum(V1Pod pod, string resource, bool limits) =>
        pod.Spec?.Containers?.Sum(container => Get(limits ? container.Resources?.Limits : container.Resources?.Requests, resource) ?? 0m) ?? 0m;

    public static string FormatCpu(decimal cores) =>
        cores == decimal.Truncate(cores) || cores >= 10m
            ? cores.ToString("0.#", CultureInfo.InvariantCulture)
            : ((long)decimal.Round(cores * 1000m, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "m";

    public static string FormatMemory(decimal bytes)
    {
        const decimal Gi = 1L << 30;
        const decimal Mi = 1L << 20;
        const decimal Ki = 1L << 10;
        return bytes switch
        {
            >= Gi => (bytes / Gi).ToString("0.##", CultureInfo.InvariantCulture) + "Gi",
            >= Mi => decimal.Round(bytes / Mi, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "Mi",
            >= Ki => decimal.Round(bytes / Ki, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "Ki",
            _ => bytes.ToString("0", CultureInfo.InvariantCulture),
        };
    }

    public static string Format(string resource, decimal value) => resource == Cpu ? FormatCpu(value) : FormatMemory(value);

    /// <summary><c>85%</c>, or <c>-</c> when there is nothing to compare with.</summary>
    public static string Percent(decimal? part, decimal? whole) =>
        part is { } p && whole is { } w && w > 0 ? ((int)decimal.Round(p * 100m / w, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%" : "-";

    public static int? PercentValue(decimal? part, decimal? whole) =>
        part is { } p && whole is { } w && w > 0 ? (int)decimal.Round(p * 100m / w, MidpointRounding.AwayFromZero) : null;
}
