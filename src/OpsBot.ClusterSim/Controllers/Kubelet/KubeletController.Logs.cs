using System.Globalization;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    /// <summary>Periodic lines (<c>log-every</c>/<c>log-lines</c>) and sampled access lines with latency and status.</summary>
    private static void WriteLogs(ContainerSync s, double saturation)
    {
        var c = s.Container;
        var b = s.Behavior;
        if (b.LogEvery is { } every && b.LogLines.Count > 0 && s.Now >= c.NextPeriodicLog)
        {
            c.NextPeriodicLog = s.Now + every;
            foreach (var line in b.LogLines)
            {
                s.Log(line);
            }
        }

        if (s.DbRefused > 0 && b.DbExhaustedLog.Count > 0 && s.Now >= c.NextDbLog)
        {
            c.NextDbLog = s.Now + (b.LogEvery ?? TimeSpan.FromSeconds(10));
            foreach (var line in b.DbExhaustedLog)
            {
                s.Log(line);
            }
        }

        if ((b.IsCacheFull || b.CacheRefusing) && b.CacheFullLog.Count > 0 && s.Now >= c.NextCacheLog)
        {
            c.NextCacheLog = s.Now + (b.LogEvery ?? TimeSpan.FromSeconds(10));
            foreach (var line in b.CacheFullLog)
            {
                s.Log(line);
            }
        }

        var rps = c.Ready ? s.RequestsPerSecond : 0;
        if ((rps <= 0 && b.ErrorRate <= 0) || s.Now < c.NextAccessLog)
        {
            return;
        }

        c.NextAccessLog = s.Now + AccessLogInterval;
        var latency = (long)Math.Round(b.LatencyMs(saturation));
        var errorShare = Math.Min(1, b.ServerErrorRate(saturation) + (b.DbService is null ? 0 : s.DbRefused));
        for (var i = 0; i < 4; i++)
        {
            // Deterministic sampling: line n is an error when the running share of errors crosses an integer.
            var n = c.RequestsLogged++;
            var isError = Math.Floor((n + 1) * errorShare) > Math.Floor(n * errorShare);
            var ms = latency.ToString(CultureInfo.InvariantCulture);
            if (!isError)
            {
                s.Log($"INFO HTTP 200 GET {b.RequestPath} ({ms} ms)");
            }
            else if (saturation > 1)
            {
                s.Log($"ERROR HTTP 503 GET {b.RequestPath} - Service Unavailable: request queue full ({ms} ms)");
            }
            else
            {
                s.Log($"ERROR HTTP 500 POST {b.RequestPath} - Internal Server Error ({ms} ms)");
            }
        }
    }
}
