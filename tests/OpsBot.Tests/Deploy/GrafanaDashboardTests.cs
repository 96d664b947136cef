using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.Telemetry;
using OpsBot.Tests.Operations;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// <c>manifests/kubernetes/grafana/opsbot-dashboard.json</c> is a valid Grafana dashboard whose every query names series
/// OpsBot serves: seen in a real scrape of <c>/metrics</c> after commands, or — for what no console command triggers
/// here (Slack/Teams calls, check runs, incidents) — the Prometheus name of an instrument OpsBot's meter publishes.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static string DashboardPath => Path.Combine(RenderedManifests.Root, "grafana", "opsbot-dashboard.json");

    [Fact]
    public void Dashboard_IsAGrafanaDashboardOnAPrometheusDataSourceVariable()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardPath))!.AsObject();

        Assert.Equal("opsbot", (string?)dashboard["uid"]);
        Assert.Contains(dashboard["templating"]!["list"]!.AsArray(), v => (string?)v!["name"] == "datasource" && (string?)v["query"] == "prometheus");
        var panels = dashboard["panels"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        Assert.All(panels, panel =>
        {
            var grid = panel["gridPos"]!;
            Assert.InRange((int)grid["x"]! + (int)grid["w"]!, 1, 24);
            if ((string?)panel["type"] != "row")
            {
                Assert.Equal("${datasource}", (string?)panel["datasource"]!["uid"]);
                Assert.NotEmpty(panel["targets"]!.AsArray());
            }
        });
    }

    [Fact]
    public async Task DashboardQueries_NameOnlySeriesOpsBotServes()
    {
        var instruments = new ConcurrentDictionary<string, Instrument>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == OpsBotTelemetry.Name)
                {
                    instruments.TryAdd(instrument.Name, instrument);
                }
            },
        };
        listener.Start();
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();
        var alice = new ConsoleClient(client, "alice", "dashboard");
        await alice.RunAsync("/k8s pods -A");
        await alice.RunAsync("/k8s describe deploy no-such-deployment -n ecommerce-production");
        await alice.RunAsync("/scale-hpa frontend --max 12 -n ecommerce-production");
        var scraped = PrometheusSample.Parse(await client.GetStringAsync("/metrics")).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var declared = instruments.Values.SelectMany(PrometheusNames).ToHashSet(StringComparer.Ordinal);

        var queries = JsonNode.Parse(File.ReadAllText(DashboardPath))!["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .Select(target => (string)target!["expr"]!)
            .ToList();
        var series = queries.SelectMany(query => SeriesPattern().Matches(query).Select(match => match.Groups["name"].Value)).Distinct().ToList();

        Assert.True(queries.Count >= 20, $"{queries.Count} queries");
        Assert.All(series, name => Assert.True(scraped.Contains(name) || declared.Contains(name), $"the dashboard queries {name}, which OpsBot does not serve"));
        Assert.Contains("opsbot_check_runs_total", declared);
        Assert.Contains("opsbot_chat_delivery_retries_total", declared);
    }

    // As OpenTelemetry's Prometheus exporter names an instrument's series: dots to underscores, the unit as a suffix,
    // _total for counters, _bucket/_count/_sum for histograms.
    private static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_') + instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => "",
        };
        return instrument.GetType().GetGenericTypeDefinition() switch
        {
            var t when t == typeof(Counter<>) => [name + "_total"],
            var t when t == typeof(Histogram<>) => [name + "_bucket", name + "_count", name + "_sum"],
            _ => [name],
        };
    }

    // A metric name: followed by a selector or a range, or the first argument of label_values.
    [GeneratedRegex(@"(?<name>[a-z_][a-z0-9_]*)(?=\{|\[|\s*,\s*instance\))")]
    private static partial Regex SeriesPattern();
}
