using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Benchmarks;

/// <summary>
/// What one log read costs, path by path: the ~1,000 sampled logs of <see cref="TriageBenchmarks"/>' namespace read 8 at a
/// time (as triage reads them) through each path in turn, alternating, timing the wall clock and the process's CPU (the
/// in-process simulator's share is the same for every path, so differences are the client's).
/// <code>dotnet run -c Release --no-build --project bench/OpsBot.Benchmarks -- log-reads [--rounds 5]</code>
/// </summary>
internal static class LogReadPaths
{
    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--rounds");
        var rounds = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 5;
        var now = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = now.AddHours(-1), Speed = 0, UseHttps = false, ControllersEnabled = false });
        TriageBenchmarks.Plant(sim);
        await sim.StartAsync().ConfigureAwait(false);
        using var client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = sim.BaseUrl.ToString() }, new KubernetesResilienceOptions { MaxRetries = 0 });
        var pods = await client.Pods(TriageBenchmarks.Ns).WithPageSize(1000).AllAsync().ConfigureAwait(false);
        // One running pod per deployment, as triage samples them.
        var targets = pods.Where(p => p.Status?.Phase == "Running")
            .GroupBy(p => string.Join('-', p.Metadata.Name.Split('-')[..^2]), StringComparer.Ordinal)
            .Select(g => (Pod: g.First().Metadata.Name, Container: g.First().Spec.Containers[0].Name))
            .ToList();
        // The official client without OpsBot's chain (per-attempt timeout, retries, body buffering): what the chain costs.
        using var unchained = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = sim.BaseUrl.ToString() });
        using var bare = new HttpClient(new SocketsHttpHandler()) { BaseAddress = sim.BaseUrl };
        var paths = new (string Name, Func<string, string, Task<int>> Read)[]
        {
            ("text, split, LogLine.Parse (before)", async (pod, container) =>
            {
                var text = await client.ReadPodLogTextAsync(pod, TriageBenchmarks.Ns, container, false, 200, limitBytes: 131072, timestamps: true).ConfigureAwait(false);
                return text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => LogLine.Parse(line, timestamped: true)).Count();
            }),
            ("generated operation, lines from bytes (the parse alone)", async (pod, container) =>
            {
                var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, TriageBenchmarks.Ns, container, limitBytes: 131072, tailLines: 200, timestamps: true).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return (await LogLineReader.ReadAsync(stream, timestamped: true, 131072).ConfigureAwait(false)).Count;
                }
            }),
            ("ReadPodLogLinesAsync: OpsBot's chain without the generated wrapper, lines from bytes (after)", async (pod, container) =>
                (await client.ReadPodLogLinesAsync(pod, TriageBenchmarks.Ns, container, false, 200, 131072).ConfigureAwait(false)).Count),
            ("official client without OpsBot's handlers, lines from bytes", async (pod, container) =>
                (await unchained.ReadPodLogLinesAsync(pod, TriageBenchmarks.Ns, container, false, 200, 131072).ConfigureAwait(false)).Count),
            ("bare HttpClient, lines from bytes (no chain, no wrapper)", async (pod, container) =>
            {
                using var response = await bare.GetAsync($"api/v1/namespaces/{TriageBenchmarks.Ns}/pods/{pod}/log?container={container}&tailLines=200&limitBytes=131072&timestamps=true", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return (await LogLineReader.ReadAsync(stream, timestamped: true, 131072).ConfigureAwait(false)).Count;
                }
            }),
        };

        System.Console.WriteLine($"# log read paths: {targets.Count} logs, 8 at a time, {rounds} rounds (alternating), {TimeProvider.System.GetUtcNow():u}, {Environment.ProcessorCount} cores");
        var wall = paths.ToDictionary(p => p.Name, _ => new List<double>(), StringComparer.Ordinal);
        var cpu = paths.ToDictionary(p => p.Name, _ => new List<double>(), StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, read) in round % 2 == 0 ? paths : paths.Reverse())
            {
                using var gate = new SemaphoreSlim(8);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var lines = await Task.WhenAll(targets.Select(async t =>
                {
                    await gate.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        return await read(t.Pod, t.Container).ConfigureAwait(false);
                    }
                    finally
                    {
                        gate.Release();
                    }
                })).ConfigureAwait(false);
                clock.Stop();
                process.Refresh();
                if (round == 0)
                {
                    System.Console.WriteLine($"{name}: warm-up, {lines.Sum():N0} lines");
                    continue;
                }

                wall[name].Add(clock.Elapsed.TotalMilliseconds);
                cpu[name].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }

        var table = new StringBuilder("| path | wall median | wall min | process CPU median | CPU min |\n|---|--:|--:|--:|--:|\n");
        foreach (var (name, _) in paths)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {Median(wall[name]):N0} ms | {wall[name].Min():N0} ms | {Median(cpu[name]):N0} ms | {cpu[name].Min():N0} ms |\n");
        }

        System.Console.Write(table);
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
