using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace OpsBot.Telemetry;

/// <summary>
/// OpsBot's own instruments on the meter <c>OpsBot</c> and its spans on the activity source <c>OpsBot</c>, exported by
/// <c>AddOpsBotTelemetry</c> (Prometheus <c>/metrics</c>, OTLP). Labels are bounded: command paths from the catalog,
/// Kubernetes verbs and resources from the URL's shape, platform method names — never user text or object names.
/// Names and labels: docs/OBSERVABILITY.md.
/// </summary>
public sealed class OpsBotTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = OpsBot.Workflows.WorkflowMetrics.MeterName;

    // Prometheus-style bounds in seconds (OpenTelemetry's defaults are milliseconds-sized).
    private static readonly double[] CommandBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] KubernetesBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _kubernetesRequests;
    private readonly Histogram<double> _kubernetesDuration;
    private readonly Counter<long> _kubernetesErrors;
    private readonly Counter<long> _chatDeliveries;
    private readonly Counter<long> _chatRetries;
    private readonly Counter<long> _checkRuns;
    private readonly Histogram<double> _checkDuration;

    public OpsBotTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _commands = meter.CreateCounter<long>("opsbot.commands", "{command}", "Commands and button presses handled, by command and outcome.");
        _commandDuration = meter.CreateHistogram("opsbot.command.duration", "s", "Time to answer a command or a button press.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommandBuckets });
        _kubernetesRequests = meter.CreateCounter<long>("opsbot.kubernetes.requests", "{request}", "Kubernetes API requests (each attempt), by verb, resource and status code.");
        _kubernetesDuration = meter.CreateHistogram("opsbot.kubernetes.request.duration", "s", "Kubernetes API request time (each attempt, body included), by verb, resource and status code.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = KubernetesBuckets });
        _kubernetesErrors = meter.CreateCounter<long>("opsbot.kubernetes.api.errors", "{error}", "Failed Kubernetes API requests (each attempt), by reason.");
        _chatDeliveries = meter.CreateCounter<long>("opsbot.chat.deliveries", "{call}", "Calls to Slack and Teams (posts, updates, lookups), by platform, method and outcome.");
        _chatRetries = meter.CreateCounter<long>("opsbot.chat.delivery.retries", "{retry}", "Slack and Teams calls sent again, by platform, method and reason.");
        _checkRuns = meter.CreateCounter<long>("opsbot.check.runs", "{run}", "Scheduled check runs, by check and outcome.");
        _checkDuration = meter.CreateHistogram("opsbot.check.duration", "s", "Scheduled check run time, by check.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = KubernetesBuckets });
    }

    /// <summary>OpsBot's spans: one per command or button press, a child per Kubernetes request.</summary>
    public static ActivitySource Source { get; } = new(Name, typeof(OpsBotTelemetry).Assembly.GetName().Version?.ToString());

    public void CommandCompleted(string command, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "command", command }, { "outcome", outcome } };
        _commands.Add(1, tags);
        _commandDuration.Record(duration.TotalSeconds, tags);
    }

    public void KubernetesRequest(string verb, string resource, string code, TimeSpan duration)
    {
        var tags = new TagList { { "verb", verb }, { "resource", resource }, { "code", code } };
        _kubernetesRequests.Add(1, tags);
        _kubernetesDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>A failed request: <c>403 Forbidden</c>, <c>transport</c>, …</summary>
    public void KubernetesApiError(string reason) => _kubernetesErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A Slack or Teams call that ended (<c>ok</c>, or the error Slack/Teams gave, e.g. <c>ratelimited</c>).</summary>
    public void ChatDelivery(string platform, string method, string outcome) =>
        _chatDeliveries.Add(1, new("platform", platform), new("method", method), new("outcome", outcome));

    /// <summary>A Slack or Teams call sent again (<c>429</c>, <c>5xx</c>, a connection that failed, a timeout).</summary>
    public void ChatRetry(string platform, string method, string reason) =>
        _chatRetries.Add(1, new("platform", platform), new("method", method), new("reason", reason));

    /// <summary>A scheduled check ran (certificate expiry, restart trends, digest).</summary>
    public void CheckRun(string check, string outcome, TimeSpan duration)
    {
        _checkRuns.Add(1, new("check", check), new("outcome", outcome));
        _checkDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("check", check));
    }

    /// <summary>An HTTP status as a label: <c>200</c>.</summary>
    public static string Code(int status) => status.ToString(CultureInfo.InvariantCulture);
}
