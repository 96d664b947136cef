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
/// <code>dotnet run -c Release --no-build --project bench/OpsBot.Benchmarks -- triage-reads [--rounds 5]</code> (<c>--log-concurrency 8,32</c>: also with that many log reads at once; <c>--rounds 0</c>: the warm-up triages and the analysis only; <c>--analysis-loops N</c>: the whole analysis N times, for a profiler)
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
        // --log-concurrency 8,32: also triages with the cache and that many log reads at once (Triage:MaxLogConcurrency).
        var c = Array.IndexOf(args, "--log-concurrency");
        var concurrencies = c >= 0 && c + 1 < args.Length ? args[c + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList() : [];
        var collectors = new Dictionary<string, SnapshotCollector>(StringComparer.Ordinal)
        {
            ["cache on"] = collector,
            ["cache off"] = collector,
            ["cache on, no sampled logs"] = withoutSampledLogs,
        };
        foreach (var concurrency in concurrencies)
        {
            collectors[$"cache on, {concurrency} log reads at once"] = new SnapshotCollector(Options.Create(new TriageOptions { MaxLogConcurrency = concurrency }));
        }

        string[] ways = [.. collectors.Keys];
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
                var snapshot = await collectors[way].CollectAsync(reads, target, now, TimeSpan.FromHours(1)).ConfigureAwait(false);
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
        foreach (var (way, values) in totals.Where(t => t.Value.Count > 0))
        {
            var sorted = values.Order().ToList();
            System.Console.WriteLine($"| {way} | {sorted[sorted.Count / 2]:N0} ms | {sorted[0]:N0} ms | {sorted[^1]:N0} ms | {Median(collects[way]):N0} ms | {Median(analyses[way]):N0} ms |");
        }

        foreach (var (way, list) in byRead.Where(r => rounds > 0))
        {
            System.Console.WriteLine($"## HTTP requests per triage, {way} (mean over {rounds} triages; time is the sum of the requests' durations, they overlap)");
            System.Console.WriteLine("| read | requests | sum of durations | slowest |");
            System.Console.WriteLine("|---|--:|--:|--:|");
            foreach (var group in list.GroupBy(r => r.What).OrderByDescending(g => g.Sum(r => r.Ms)))
            {
                System.Console.WriteLine($"| {group.Key} | {group.Count() / (double)rounds:N0} | {group.Sum(r => r.Ms) / rounds:N0} ms | {group.Max(r => r.Ms):N0} ms |");
            }
        }

        // The analysis, analyzer by analyzer, on a cache-on snapshot (the index built first, timed on its own). Each is
        // run 9 times and the fastest kept: on a shared machine the minimum is the figure least bent by other load.
        var last = await collector.CollectAsync(new ClusterReads(client, cache), target, now, TimeSpan.FromHours(1)).ConfigureAwait(false);
        var indexTimes = new List<double>();
        for (var r = 0; r < 9; r++)
        {
            var copy = Copy(last);
            var indexClock = Stopwatch.StartNew();
            _ = copy.Index;
            indexTimes.Add(indexClock.Elapsed.TotalMilliseconds);
        }

        var analyzeTimes = new List<double>();
        // CPU time of the whole process around each analysis (the cache's watches idle meanwhile): less bent by other
        // processes' load than wall time on a shared machine.
        var analyzeCpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        var loops = Array.IndexOf(args, "--analysis-loops") is var l and >= 0 && l + 1 < args.Length ? int.Parse(args[l + 1], CultureInfo.InvariantCulture) : 9;
        for (var r = 0; r < Math.Max(loops, 1); r++)
        {
            var copy = Copy(last);
            var cpu = process.TotalProcessorTime;
            var analyzeClock = Stopwatch.StartNew();
            _ = TriageService.Analyze(copy, "bench");
            analyzeTimes.Add(analyzeClock.Elapsed.TotalMilliseconds);
            process.Refresh();
            analyzeCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        System.Console.WriteLine($"## analysis of one snapshot ({last.Pods.Count:N0} pods, {last.Logs.Count:N0} logs), fastest of {analyzeTimes.Count}: whole analysis {analyzeTimes.Min():N0} ms (median {Median(analyzeTimes):N0}; process CPU median {Median(analyzeCpu):N0} ms), index {indexTimes.Min():N1} ms; analyzers (fastest of 9, mean process CPU):");
        var perAnalyzer = new List<(string Name, double Ms, double Cpu)>();
        foreach (var (name, analyze) in OpsBot.Triage.Analyzers.TriageAnalyzers.All)
        {
            var times = new List<double>();
            var cpu = process.TotalProcessorTime;
            for (var r = 0; r < 9; r++)
            {
                var clock = Stopwatch.StartNew();
                _ = analyze(last).ToList();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            process.Refresh();
            perAnalyzer.Add((name, times.Min(), (process.TotalProcessorTime - cpu).TotalMilliseconds / 9));
        }

        System.Console.WriteLine(string.Join(", ", perAnalyzer.OrderByDescending(a => a.Ms).Select(a => $"{a.Name} {a.Ms:N1} ms (CPU {a.Cpu:N1})")));
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return 0;
    }

    /// <summary>The same snapshot without its index, so that each timed analysis builds it afresh as a triage does.</summary>
    private static ClusterSnapshot Copy(ClusterSnapshot s) => new()
    {
        Target = s.Target, Now = s.Now, Since = s.Since, Pods = s.Pods, Events = s.Events, Deployments = s.Deployments, ReplicaSets = s.ReplicaSets,
        Hpas = s.Hpas, Nodes = s.Nodes, PodMetrics = s.PodMetrics, NodeMetrics = s.NodeMetrics, Ingresses = s.Ingresses, TlsCertificates = s.TlsCertificates,
        Certificates = s.Certificates, Services = s.Services, Endpoints = s.Endpoints, StatefulSets = s.StatefulSets, DaemonSets = s.DaemonSets, Jobs = s.Jobs,
        CronJobs = s.CronJobs, PersistentVolumeClaims = s.PersistentVolumeClaims, StorageClasses = s.StorageClasses, PodDisruptionBudgets = s.PodDisruptionBudgets,
        ConfigMaps = s.ConfigMaps, Logs = s.Logs, Missing = s.Missing,
    };

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
