using System.Globalization;

namespace OpsBot.ClusterSim.Serialization;

/// <summary>Kubernetes' text forms of time, as the API server writes them.</summary>
public static class KubernetesTime
{
    /// <summary><c>metav1.Time</c>: RFC 3339 in UTC, whole seconds (<c>2024-03-01T10:00:00Z</c>).</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>metav1.MicroTime</c>: RFC 3339 in UTC with six fractional digits.</summary>
    public static string FormatMicro(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
