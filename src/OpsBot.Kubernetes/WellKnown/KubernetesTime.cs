using System.Globalization;

namespace OpsBot.Kubernetes;

/// <summary>Times as the API server and kubectl write them in annotations: RFC 3339 in whole seconds, UTC.</summary>
public static class KubernetesTime
{
    /// <summary><c>2026-11-22T03:04:05Z</c>.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
