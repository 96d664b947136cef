using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.Benchmarks;

/// <summary>
/// The watch cache measured side by side in one run: one build of the host started twice against the same simulator —
/// cache on (the default) and cache off (<c>Kubernetes__Cache__Enabled=false</c>, every read from the API) — next to the
/// real <c>kubectl get pods -A</c>, rounds alternating (rotating who goes first). Measures <c>/k8s pods -A</c> on 10,000
/// realistic pods, <c>/triage</c> of the 10,000-pod namespace of <see cref="TriageBenchmarks"/>, the first answer after
/// a start (process start → answer, and from where it came), the time for the cache to sync, and resident memory.
/// <code>dotnet run -c Release --no-build --project bench/OpsBot.Benchmarks -- watch-cache [--rounds 8] [--env NAME=VALUE ...] [--before DLL]</code>
/// (<c>--env</c>: set for both bots, e.g. <c>DOTNET_TieredCompilation=0</c> to see what the JIT costs the first answer;
/// <c>--before</c>: another build's <c>OpsBot.dll</c>, started too — cache on and off — so <c>/k8s pods -A</c> compares
/// before and after a change side by side.)
/// </summary>
internal static class WatchCacheSideBySide
{
    private const int PodCount = 10_000;

    private static readonly Dictionary<string, string> Both = [];

    /// <summary><c>--before DLL</c>: another build of the host (e.g. main before a change), started beside this one for <c>/k8s pods -A</c>.</summary>
    private static string? _before;

    private static Dictionary<string, string> CacheOn => new(Both);

    private static Dictionary<string, string> CacheOff => new(Both) { ["Kubernetes__Cache__Enabled"] = "false" };

    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--rounds");
        var rounds = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 8;
        for (var e = Array.IndexOf(args, "--env"); e >= 0 && e + 1 < args.Length; e = Array.IndexOf(args, "--env", e + 1))
        {
            var (name, value) = (args[e + 1].Split('=', 2)[0], args[e + 1].Split('=', 2).ElementAtOrDefault(1) ?? string.Empty);
            Both[name] = value;
        }

        var b = Array.IndexOf(args, "--before");
        _before = b >= 0 && b + 1 < args.Length ? Path.GetFullPath(args[b + 1]) : null;
        if (Both.Count > 0)
        {
            System.Console.WriteLine($"both bots with {string.Join(" ", Both.Select(pair => pair.Key + "=" + pair.Value))}");
        }
        System.Console.WriteLine($"# watch cache side by side: cache on vs cache off vs kubectl, {rounds} rounds, {TimeProvider.System.GetUtcNow():u}, {Environment.ProcessorCount} cores");
        await PodsAsync(rounds).ConfigureAwait(false);
        await TriageAsync(rounds).ConfigureAwait(false);
        return 0;
    }

    private static async Task PodsAsync(int rounds)
    {
        await using var simulator = SimulatedPods.Create(PodCount, realistic: true);
        await simulator.StartAsync().ConfigureAwait(false);
        var kubeconfig = simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-watch-cache-{Environment.ProcessId}.kubeconfig"));
        var kubectlCache = Directory.CreateTempSubdirectory("opsbot-watch-cache-kubectl-").FullName;
        Task Pods(HttpClient http) => SideBySide.CommandAsync(http, "/k8s pods -A", body => (int?)body["report"]?["total"] == PodCount);

        bool All(JsonObject body) => (int?)body["report"]?["total"] == PodCount;
        var (cached, first) = await StartAndAskAsync(kubeconfig, CacheOn, "/k8s pods -A", All).ConfigureAwait(false);
        await using var cachedBot = cached;
        var synced = await SyncedAsync(cachedBot).ConfigureAwait(false);
        var (uncached, firstUncached) = await StartAndAskAsync(kubeconfig, CacheOff, "/k8s pods -A", All).ConfigureAwait(false);
        await using var uncachedBot = uncached;
        using var cachedHttp = Http(cachedBot);
        using var uncachedHttp = Http(uncachedBot);
        var before = new List<(string Name, OpsBotProcess Bot, HttpClient Http, (TimeSpan Ready, TimeSpan Answer, string Source) First)>();
        if (_before is not null)
        {
            foreach (var (name, environment) in new[] { ("before: cache on", CacheOn), ("before: cache off", CacheOff) })
            {
                var (bot, firstBefore) = await StartAndAskAsync(kubeconfig, environment, "/k8s pods -A", All, _before).ConfigureAwait(false);
                if (name.EndsWith("on", StringComparison.Ordinal))
                {
                    await SyncedAsync(bot).ConfigureAwait(false);
                }

                before.Add((name, bot, Http(bot), firstBefore));
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var idle = (On: cachedBot.ResidentMegabytes(), Off: uncachedBot.ResidentMegabytes());
        Kubectl.GetPodsAllNamespaces(kubeconfig, kubectlCache, PodCount);

        var times = await SideBySide.AlternateAsync(
            rounds,
            [
                ("cache on", () => Pods(cachedHttp)),
                ("cache off", () => Pods(uncachedHttp)),
                .. before.Select(bot => (bot.Name, (Func<Task>)(() => Pods(bot.Http)))),
                ("kubectl", () => Task.Run(() => Kubectl.GetPodsAllNamespaces(kubeconfig, kubectlCache, PodCount))),
            ]).ConfigureAwait(false);
        var after = (On: cachedBot.ResidentMegabytes(), Off: uncachedBot.ResidentMegabytes());
        var source = (string?)(await AskAsync(cachedHttp, "/k8s pods -A").ConfigureAwait(false))["text"];

        System.Console.WriteLine($"## /k8s pods -A, {PodCount:N0} realistic pods (~{RealisticPods.Pod(1, "team-1", "node-1").ToJsonString().Length:N0} bytes of JSON each)");
        Print(times, "cache on", "kubectl");
        System.Console.WriteLine($"cache on answers {(source?.Contains("from cache", StringComparison.Ordinal) == true ? "from the cache" : "NOT from the cache")}; cache synced {synced.TotalMilliseconds:N0} ms after the process was ready");
        First(first, firstUncached);
        foreach (var (name, bot, http, firstBefore) in before)
        {
            System.Console.WriteLine($"| {name} | {firstBefore.Ready.TotalMilliseconds:N0} ms | {firstBefore.Answer.TotalMilliseconds:N0} ms | {firstBefore.Source} | RSS after {rounds + 1} /k8s pods -A {bot.ResidentMegabytes():0.0} MB |");
            http.Dispose();
            await bot.DisposeAsync().ConfigureAwait(false);
        }

        Rss(idle, after, rounds);
    }

    private static async Task TriageAsync(int rounds)
    {
        await using var simulator = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = TimeProvider.System.GetUtcNow().AddHours(-1), Speed = 0, UseHttps = false, ControllersEnabled = false });
        TriageBenchmarks.Plant(simulator);
        await simulator.StartAsync().ConfigureAwait(false);
        var kubeconfig = simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-watch-cache-triage-{Environment.ProcessId}.kubeconfig"));
        var text = $"/triage ns/{TriageBenchmarks.Ns}";
        bool Check(JsonObject body) => ((string?)body["text"])?.StartsWith($"Triage namespace/{TriageBenchmarks.Ns}", StringComparison.Ordinal) == true;

        var (cached, first) = await StartAndAskAsync(kubeconfig, CacheOn, text, Check).ConfigureAwait(false);
        await using var cachedBot = cached;
        var synced = await SyncedAsync(cachedBot).ConfigureAwait(false);
        var (uncached, firstUncached) = await StartAndAskAsync(kubeconfig, CacheOff, text, Check).ConfigureAwait(false);
        await using var uncachedBot = uncached;
        using var cachedHttp = Http(cachedBot);
        using var uncachedHttp = Http(uncachedBot);
        var times = await SideBySide.AlternateAsync(rounds, ("cache on", () => SideBySide.CommandAsync(cachedHttp, text, Check)), ("cache off", () => SideBySide.CommandAsync(uncachedHttp, text, Check))).ConfigureAwait(false);
        var rss = (On: cachedBot.ResidentMegabytes(), Off: uncachedBot.ResidentMegabytes());

        System.Console.WriteLine($"## /triage ns/{TriageBenchmarks.Ns}, {TriageBenchmarks.Deployments * TriageBenchmarks.PodsPerDeployment:N0} pods, 20 planted failures (through the console API)");
        Print(times, "cache on", "cache off");
        System.Console.WriteLine($"cache synced {synced.TotalMilliseconds:N0} ms after the process was ready");
        First(first, firstUncached);
        System.Console.WriteLine($"| bot RSS after {rounds + 1} triages | cache on {rss.On:0.0} MB | cache off {rss.Off:0.0} MB |");
    }

    /// <summary>Starts a bot and asks at once: process start → ready, ready → first answer, and where the answer came from.</summary>
    private static async Task<(OpsBotProcess Bot, (TimeSpan Ready, TimeSpan Answer, string Source))> StartAndAskAsync(string kubeconfig, Dictionary<string, string>? environment, string text, Func<JsonObject, bool> check, string? dll = null)
    {
        var clock = Stopwatch.StartNew();
        var bot = await BenchBot.StartAsync(kubeconfig, dll, environment).ConfigureAwait(false);
        var ready = clock.Elapsed;
        using var http = Http(bot);
        var answer = Stopwatch.StartNew();
        var body = await AskAsync(http, text).ConfigureAwait(false);
        if (!check(body))
        {
            throw new InvalidOperationException($"unexpected first answer to {text}: {body["text"]}");
        }

        var said = (string?)body["text"] ?? string.Empty;
        var source = said.Contains("from cache", StringComparison.Ordinal) ? "cache" : said.Contains("from the API", StringComparison.Ordinal) ? "API (cache not synced yet)" : "API (no cache)";
        return (bot, (ready, answer.Elapsed, source));
    }

    /// <summary>Waits until <c>/readyz</c> says the cache is synced; how long that took from now.</summary>
    private static async Task<TimeSpan> SyncedAsync(OpsBotProcess bot)
    {
        using var http = Http(bot);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var body = await http.GetFromJsonAsync<JsonObject>(new Uri("readyz", UriKind.Relative)).ConfigureAwait(false);
            if ((string?)body?["details"]?["cache"]?["opsbot-sim"]?["state"] == "synced")
            {
                return clock.Elapsed;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new InvalidOperationException("the cache did not sync within 3 min");
    }

    private static void First((TimeSpan Ready, TimeSpan Answer, string Source) on, (TimeSpan Ready, TimeSpan Answer, string Source) off)
    {
        System.Console.WriteLine("| first answer after start | process → ready | ready → first answer | answered from |");
        System.Console.WriteLine("|---|--:|--:|---|");
        System.Console.WriteLine($"| cache on | {on.Ready.TotalMilliseconds:N0} ms | {on.Answer.TotalMilliseconds:N0} ms | {on.Source} |");
        System.Console.WriteLine($"| cache off | {off.Ready.TotalMilliseconds:N0} ms | {off.Answer.TotalMilliseconds:N0} ms | {off.Source} |");
    }

    private static void Rss((double On, double Off) idle, (double On, double Off) after, int rounds)
    {
        System.Console.WriteLine("| bot RSS | cache on | cache off |");
        System.Console.WriteLine("|---|--:|--:|");
        System.Console.WriteLine($"| synced, idle (10,000 pods cached) | {idle.On:0.0} MB | {idle.Off:0.0} MB |");
        System.Console.WriteLine($"| after {rounds + 1} /k8s pods -A | {after.On:0.0} MB | {after.Off:0.0} MB |");
    }

    private static HttpClient Http(OpsBotProcess bot) => new() { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };

    private static async Task<JsonObject> AskAsync(HttpClient http, string text)
    {
        using var response = await http.PostAsJsonAsync("api/console/commands", new { text, user = "alice", channel = "bench" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false))!;
    }

    private static void Print(Dictionary<string, List<double>> times, string a, string b)
    {
        System.Console.WriteLine("| | mean | median | min | max |");
        System.Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var (name, values) in times)
        {
            var sorted = values.Order().ToList();
            System.Console.WriteLine($"| {name} | {values.Average():N0} ms | {sorted[sorted.Count / 2]:N0} ms | {sorted[0]:N0} ms | {sorted[^1]:N0} ms |");
        }

        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        System.Console.WriteLine($"{a} / {b}: mean {times[a].Average() / times[b].Average():0.000}, median {Median(times[a]) / Median(times[b]):0.000}");
    }
}
