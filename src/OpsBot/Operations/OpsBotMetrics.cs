using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OpsBot.Operations;

/// <summary>
/// The few numbers an operator graphs, kept in memory and rendered in the Prometheus text format:
/// commands by name and outcome, command latency, Kubernetes API errors.
/// </summary>
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
public sealed class OpsBotMetrics
{
    private static readonly double[] LatencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Command, string Outcome), long> _commands = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _kubernetesErrors = new(StringComparer.Ordinal);

    public void CommandCompleted(string command, string outcome, TimeSpan duration)
    {
        _commands.AddOrUpdate((command, outcome), 1, (_, count) => count + 1);
        _latency.GetOrAdd(command, _ => new Histogram(LatencyBuckets.Length)).Observe(duration.TotalSeconds, LatencyBuckets);
    }

    public void KubernetesApiError(string reason) => _kubernetesErrors.AddOrUpdate(reason, 1, (_, count) => count + 1);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP opsbot_commands_total Commands handled, by command and outcome.\n# TYPE opsbot_commands_total counter\n");
        foreach (var ((command, outcome), count) in _commands.OrderBy(pair => pair.Key.Command, StringComparer.Ordinal).ThenBy(pair => pair.Key.Outcome, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"opsbot_commands_total{{command=\"{Escape(command)}\",outcome=\"{Escape(outcome)}\"}} {count}\n");
        }

        text.Append("# HELP opsbot_command_duration_seconds Time to answer a command.\n# TYPE opsbot_command_duration_seconds histogram\n");
        foreach (var (command, histogram) in _latency.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            histogram.Render(text, "opsbot_command_duration_seconds", $"command=\"{Escape(command)}\"", LatencyBuckets);
        }

        text.Append("# HELP opsbot_kubernetes_api_errors_total Failed Kubernetes API calls, by reason.\n# TYPE opsbot_kubernetes_api_errors_total counter\n");
        foreach (var (reason, count) in _kubernetesErrors.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"opsbot_kubernetes_api_errors_total{{reason=\"{Escape(reason)}\"}} {count}\n");
        }

        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Histogram(int buckets)
    {
        private readonly Lock _lock = new();
        private readonly long[] _counts = new long[buckets];
        private long _total;
        private double _sum;

        public void Observe(double seconds, double[] bounds)
        {
            lock (_lock)
            {
                for (var i = 0; i < bounds.Length; i++)
                {
                    if (seconds <= bounds[i])
                    {
                        _counts[i]++;
                    }
                }

                _total++;
                _sum += seconds;
            }
        }

        public void Render(StringBuilder text, string name, string labels, double[] bounds)
        {
            lock (_lock)
            {
                for (var i = 0; i < bounds.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{bounds[i]}\"}} {_counts[i]}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {_total}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {_sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {_total}\n");
            }
        }
    }
}
