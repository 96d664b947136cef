using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.Benchmarks;

/// <summary>
/// Two builds of the host measured side by side in one run, as their own processes against the same simulators:
/// <c>/k8s pods -A</c> on 10,000 realistic pods (and <c>kubectl get pods -A</c> on the same cluster), <c>/triage</c> of
/// the 10,000-pod namespace of <see cref="TriageBenchmarks"/>, and each bot's resident memory idle and after. Rounds
/// alternate the contenders (rotating who goes first), so load on a shared machine falls on both alike.
/// <code>dotnet run -c Release --project bench/OpsBot.Benchmarks -- side-by-side --before /path/to/old/OpsBot.dll [--rounds 10] [--only pods|triage] [--warmup N]</code>
/// </summary>
internal static class SideBySide
{
    private const int PodCount = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var before = BenchArgs.Option(args, "--before") ?? throw new ArgumentException("--before PATH: the OpsBot.dll of the build to compare with.");
        var rounds = int.Parse(BenchArgs.Option(args, "--rounds") ?? "10", CultureInfo.InvariantCulture);
        System.Console.WriteLine($"# side by side: before = {before}, after = this repository's build, {rounds} rounds, {TimeProvider.System.GetUtcNow():u}");
        // --only pods|triage: one of the two comparisons (each starts its own simulator and two bots).
        var only = BenchArgs.Option(args, "--only");
        if (only is null or "pods")
        {
            await PodsAsync(before, rounds).ConfigureAwait(false);
        }

        if (only is null or "triage")
        {
            // --warmup N: untimed triages per bot first (default 1): CPU per triage falls by about a third over the first ~15
            // (tiered JIT). Even then an A/A run (the same build twice, 2026-12-07) gave the bot started second 18 % more CPU
            // per triage (19–37 % with 1 warm-up): compare builds in both orders (OPSBOT_BENCH_BUILD swaps them).
            await TriageAsync(before, rounds, int.Parse(BenchArgs.Option(args, "--warmup") ?? "1", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task PodsAsync(string before, int rounds)
    {
        await using var simulator = SimulatedPods.Create(PodCount, realistic: true);
        await simulator.StartAsync().ConfigureAwait(false);
        var kubeconfig = simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-side-by-side-{Environment.ProcessId}.kubeconfig"));
        var cache = Directory.CreateTempSubdirectory("opsbot-side-by-side-kubectl-").FullName;
        await using var old = await BenchBot.StartAsync(kubeconfig, before).ConfigureAwait(false);
        await using var @new = await BenchBot.StartAsync(kubeconfig).ConfigureAwait(false);
        using var oldHttp = Http(old);
        using var newHttp = Http(@new);
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var idle = (Before: old.ResidentMegabytes(), After: @new.ResidentMegabytes());

        Task Pods(HttpClient http) => CommandAsync(http, "/k8s pods -A", body => (int?)body["report"]?["total"] == PodCount);
        await Pods(oldHttp).ConfigureAwait(false);
        await Pods(newHttp).ConfigureAwait(false);
        var afterOne = (Before: old.ResidentMegabytes(), After: @new.ResidentMegabytes());
        Kubectl.GetPodsAllNamespaces(kubeconfig, cache, PodCount);

        var times = await AlternateAsync(
            rounds,
            ("before", () => Pods(oldHttp)),
            ("after", () => Pods(newHttp)),
            ("kubectl", () => Task.Run(() => Kubectl.GetPodsAllNamespaces(kubeconfig, cache, PodCount)))).ConfigureAwait(false);
        var afterRun = (Before: old.ResidentMegabytes(), After: @new.ResidentMegabytes());

        System.Console.WriteLine($"## /k8s pods -A, {PodCount:N0} realistic pods (~{RealisticPods.Pod(1, "team-1", "node-1").ToJsonString().Length:N0} bytes of JSON each)");
        Print(times);
        System.Console.WriteLine("| bot RSS | before | after | change |");
        System.Console.WriteLine("|---|--:|--:|--:|");
        Row("idle (started, ready, no command)", idle);
        Row("after one /k8s pods -A", afterOne);
        Row($"after {rounds + 1} /k8s pods -A", afterRun);
    }

    private static async Task TriageAsync(string before, int rounds, int warmup)
    {
        await using var simulator = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = TimeProvider.System.GetUtcNow().AddHours(-1), Speed = 0, UseHttps = false, ControllersEnabled = false });
        TriageBenchmarks.Plant(simulator);
        await simulator.StartAsync().ConfigureAwait(false);
        var kubeconfig = simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-side-by-side-triage-{Environment.ProcessId}.kubeconfig"));
        await using var old = await BenchBot.StartAsync(kubeconfig, before).ConfigureAwait(false);
        await using var @new = await BenchBot.StartAsync(kubeconfig).ConfigureAwait(false);
        using var oldHttp = Http(old);
        using var newHttp = Http(@new);

        Task Triage(HttpClient http) => CommandAsync(http, $"/triage ns/{TriageBenchmarks.Ns}", body => ((string?)body["text"])?.StartsWith($"Triage namespace/{TriageBenchmarks.Ns}", StringComparison.Ordinal) == true);
        for (var i = 0; i < Math.Max(1, warmup); i++)
        {
            await Triage(oldHttp).ConfigureAwait(false);
            await Triage(newHttp).ConfigureAwait(false);
        }

        // CPU per triage of each bot (its process's user + system time over the rounds): on a loaded machine wall times
        // mostly measure the others' load, CPU time what the build itself spends.
        var cpu = (Before: old.ProcessorTime(), After: @new.ProcessorTime());
        var times = await AlternateAsync(rounds, ("before", () => Triage(oldHttp)), ("after", () => Triage(newHttp))).ConfigureAwait(false);
        var cpuPerTriage = (Before: (old.ProcessorTime() - cpu.Before).TotalMilliseconds / rounds, After: (@new.ProcessorTime() - cpu.After).TotalMilliseconds / rounds);
        var rss = (Before: old.ResidentMegabytes(), After: @new.ResidentMegabytes());

        System.Console.WriteLine($"## /triage ns/{TriageBenchmarks.Ns}, {TriageBenchmarks.Deployments * TriageBenchmarks.PodsPerDeployment:N0} pods, 20 planted failures (through the console API)");
        Print(times);
        System.Console.WriteLine($"bot CPU per triage (process user + system time, mean of {rounds}): before {cpuPerTriage.Before:N0} ms, after {cpuPerTriage.After:N0} ms ({cpuPerTriage.After / cpuPerTriage.Before:P0})");
        System.Console.WriteLine("| bot RSS | before | after | change |");
        System.Console.WriteLine("|---|--:|--:|--:|");
        Row($"after {rounds + Math.Max(1, warmup)} triages", rss);
    }

    private static HttpClient Http(OpsBotProcess bot) => new() { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };

    /// <summary>Runs <paramref name="text"/> through the console API as alice; throws when <paramref name="check"/> rejects the answer.</summary>
    internal static async Task CommandAsync(HttpClient http, string text, Func<JsonObject, bool> check)
    {
        using var response = await http.PostAsJsonAsync("api/console/commands", new { text, user = "alice", channel = "bench" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false))!;
        if (!check(body))
        {
            var answer = (string?)body["text"] ?? string.Empty;
            throw new InvalidOperationException($"unexpected answer to {text}: {answer[..Math.Min(answer.Length, 300)]}");
        }
    }

    /// <summary>Runs the contenders round by round, rotating who goes first, so that a shared machine's load falls on all.</summary>
    internal static async Task<Dictionary<string, List<double>>> AlternateAsync(int rounds, params (string Name, Func<Task> Run)[] contenders)
    {
        var times = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < contenders.Length; k++)
            {
                var (name, run) = contenders[(round + k) % contenders.Length];
                var watch = Stopwatch.StartNew();
                await run().ConfigureAwait(false);
                times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    private static void Print(Dictionary<string, List<double>> times)
    {
        System.Console.WriteLine("| | mean | median | min | max | sd |");
        System.Console.WriteLine("|---|--:|--:|--:|--:|--:|");
        foreach (var (name, values) in times)
        {
            var sorted = values.Order().ToList();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
            System.Console.WriteLine($"| {name} | {mean:N0} ms | {sorted[sorted.Count / 2]:N0} ms | {sorted[0]:N0} ms | {sorted[^1]:N0} ms | {sd:N0} ms |");
        }

        if (times.TryGetValue("before", out var b) && times.TryGetValue("after", out var a))
        {
            System.Console.WriteLine($"after / before: mean {a.Average() / b.Average():P0}, median {a.Order().ElementAt(a.Count / 2) / b.Order().ElementAt(b.Count / 2):P0}");
        }
    }

    private static void Row(string what, (double Before, double After) rss) =>
        System.Console.WriteLine($"| {what} | {rss.Before:0.0} MB | {rss.After:0.0} MB | {(rss.After - rss.Before) / rss.Before:+0%;-0%} |");
}
