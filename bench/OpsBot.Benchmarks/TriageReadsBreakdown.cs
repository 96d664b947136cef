using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsBot.Caching;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Kubernetes;
using OpsBot.Triage;
using k8s;

namespace OpsBot.Benchmarks;

/// <summary>
/// Where a <c>/triage</c> of <see cref="TriageBenchmarks"/>' 10,000-pod namespace spends its time, in process: the
/// same simulator, a watch cache synced over it, then triages with the cache and without, side by side, every HTTP
/// request the triage makes timed (the runtime's <c>System.Net.Http</c> activities) and grouped by what it reads.
/// <code>dotnet run -c Release --no-build --project bench/OpsBot.Benchmarks -- triage-reads [--rounds 5]</code>
/// </summary>
internal static class TriageReadsBreakdown
{
    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--rounds");
        var rounds = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 5;
        var now = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = now.AddHours(-1), Speed = 0, UseHttps = false, ControllersEnabled = false });
        var planted = TriageBenchmarks.Plant(sim);
        await sim.StartAsync().ConfigureAwait(false);
        using var client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = sim.BaseUrl.ToString() }, new KubernetesResilienceOptions { MaxRetries = 0 });
        var cache = new ClusterCache("bench", () => client, new ClusterCacheOptions(), [], TimeProvider.System, _ => null, [], NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        while (!cache.HasSynced)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        var collector = new SnapshotCollector(Options.Create(new TriageOptions()));
        var withoutSampledLogs = new SnapshotCollector(Options.Create(new TriageOptions { MaxSampledWorkloads = 0 }));
        var target = new TriageTarget(TriageScope.Namespace, TriageBenchmarks.Ns);
        var requests = new ConcurrentQueue<(string What, double Ms)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => requests.Enqueue((What(activity.GetTagItem("url.full") as string), activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(listener);

        System.Console.WriteLine($"# triage reads breakdown, {rounds} rounds each way (alternating), {TimeProvider.System.GetUtcNow():u}, {Environment.ProcessorCount} cores");
        string[] ways = ["cache on", "cache off", "cache on, no sampled logs"];
        var totals = ways.ToDictionary(way => way, _ => new List<double>());
        var collects = ways.ToDictionary(way => way, _ => new List<double>());
        var analyses = ways.ToDictionary(way => way, _ => new List<double>());
        var byRead = ways.ToDictionary(way => way, _ => new ConcurrentQueue<(string What, double Ms)>());
        foreach (var round in Enumerable.Range(0, rounds + 1))
        {
            foreach (var way in round % 2 == 0 ? ways : ways.Reverse())
            {
                requests.Clear();
                var reads = new ClusterReads(client, way == "cache off" ? null : cache);
                var clock = Stopwatch.StartNew();
                var snapshot = await (way.Contains("no sampled", StringComparison.Ordinal) ? withoutSampledLogs : collector).CollectAsync(reads, target, now, TimeSpan.FromHours(1)).ConfigureAwait(false);
                var collected = clock.Elapsed;
                var report = TriageService.Analyze(snapshot, "bench");
                clock.Stop();
                if (round == 0)
                {
                    var roots = report.Findings.Where(f => f.CausedBy is null && f.Severity > Severity.Info).ToList();
                    var found = planted.Count(p => roots.Any(r => r.Kind == p.Kind && r.Resource == p.Resource));
                    System.Console.WriteLine($"{way}: warm-up {clock.Elapsed.TotalMilliseconds:N0} ms, recall {found}/{planted.Count}, {roots.Count} root findings, logs {report.Counts["logs"]}, missing: {string.Join("; ", report.Missing.Select(m => m.What))}");
                    continue;
                }

                totals[way].Add(clock.Elapsed.TotalMilliseconds);
                collects[way].Add(collected.TotalMilliseconds);
                analyses[way].Add((clock.Elapsed - collected).TotalMilliseconds);
                foreach (var request in requests)
                {
                    byRead[way].Enqueue(request);
                }
            }
        }

        System.Console.WriteLine("| triage | median | min | max | snapshot (median) | analysis (median) |");
        System.Console.WriteLine("|---|--:|--:|--:|--:|--:|");
        foreach (var (way, values) in totals)
        {
            var sorted = values.Order().ToList();
            System.Console.WriteLine($"| {way} | {sorted[sorted.Count / 2]:N0} ms | {sorted[0]:N0} ms | {sorted[^1]:N0} ms | {Median(collects[way]):N0} ms | {Median(analyses[way]):N0} ms |");
        }

        foreach (var (way, list) in byRead)
        {
            System.Console.WriteLine($"## HTTP requests per triage, {way} (mean over {rounds} triages; time is the sum of the requests' durations, they overlap)");
            System.Console.WriteLine("| read | requests | sum of durations | slowest |");
            System.Console.WriteLine("|---|--:|--:|--:|");
            foreach (var group in list.GroupBy(r => r.What).OrderByDescending(g => g.Sum(r => r.Ms)))
            {
                System.Console.WriteLine($"| {group.Key} | {group.Count() / (double)rounds:N0} | {group.Sum(r => r.Ms) / rounds:N0} ms | {group.Max(r => r.Ms):N0} ms |");
            }
        }

        // The analysis, analyzer by analyzer, on a cache-on snapshot (the index built first, timed on its own).
        var last = await collector.CollectAsync(new ClusterReads(client, cache), target, now, TimeSpan.FromHours(1)).ConfigureAwait(false);
        var indexClock = Stopwatch.StartNew();
        _ = last.Index;
        System.Console.WriteLine($"## analysis of one snapshot ({last.Pods.Count:N0} pods, {last.Logs.Count:N0} logs): index {indexClock.Elapsed.TotalMilliseconds:N0} ms; analyzers (median of 3):");
        var perAnalyzer = new List<(string Name, double Ms)>();
        foreach (var (name, analyze) in OpsBot.Triage.Analyzers.TriageAnalyzers.All)
        {
            var times = new List<double>();
            for (var r = 0; r < 3; r++)
            {
                var clock = Stopwatch.StartNew();
                _ = analyze(last).ToList();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            perAnalyzer.Add((name, Median(times)));
        }

        System.Console.WriteLine(string.Join(", ", perAnalyzer.OrderByDescending(a => a.Ms).Select(a => $"{a.Name} {a.Ms:N1} ms")));
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The kind of read a request URL is: <c>pods/log</c>, <c>pods</c>, <c>metrics pods</c>, <c>services</c>…</summary>
    private static string What(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "?";
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var metrics = uri.AbsolutePath.Contains("metrics.k8s.io", StringComparison.Ordinal) ? "metrics " : string.Empty;
        var ns = Array.IndexOf(segments, "namespaces");
        if (ns >= 0 && ns + 2 < segments.Length)
        {
            return metrics + segments[ns + 2] + (ns + 4 < segments.Length ? "/" + segments[ns + 4] : ns + 3 < segments.Length ? " (one)" : string.Empty);
        }

        return metrics + segments[^1];
    }
}
