using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.Benchmarks;

/// <summary>
/// The first <c>/k8s pods -A</c> after a start, on 10,000 realistic pods, against its floor — side by side, rounds
/// alternating (rotating who goes first) so a shared machine's load falls on every contender alike:
/// <list type="bullet">
/// <item>the floor: the simulator alone serving every pod over HTTP (no client-side parsing) — as a Table with
/// <c>includeObject=Metadata</c> and with <c>None</c>, as the typed JSON list, 500-row pages and one page — and the real
/// <c>kubectl get pods -A</c>;</item>
/// <item>the bot: a fresh process per round (cache on, cache off, each <c>--variant</c>, and <c>--before</c>'s build),
/// split into process start → ready, the first answer and the second one (same process, warm: the read and the
/// rendering without first-use costs), with resident memory after the first answer; and, for the process's fixed cost,
/// the first answer on an empty cluster.</item>
/// </list>
/// <code>dotnet run -c Release --no-build --project bench/OpsBot.Benchmarks -- first-answer [--rounds 5] [--before DLL] [--variant "NAME:KEY=VALUE;KEY=VALUE"]... [--skip-floor]</code>
/// </summary>
internal static class FirstAnswer
{
    private const int PodCount = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = int.Parse(BenchArgs.Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        var before = BenchArgs.Option(args, "--before") is { } beforeDll ? Path.GetFullPath(beforeDll) : null;
        var bots = new List<(string Name, Dictionary<string, string> Environment, string? Dll)>
        {
            ("cache off", new() { ["Kubernetes__Cache__Enabled"] = "false" }, null),
            ("cache on", [], null),
        };
        for (var v = Array.IndexOf(args, "--variant"); v >= 0 && v + 1 < args.Length; v = Array.IndexOf(args, "--variant", v + 1))
        {
            var (name, settings) = (args[v + 1].Split(':', 2)[0], args[v + 1].Split(':', 2).ElementAtOrDefault(1) ?? string.Empty);
            bots.Add((name, settings.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('=', 2)).ToDictionary(s => s[0], s => s.ElementAtOrDefault(1) ?? string.Empty), null));
        }

        if (before is not null)
        {
            bots.Add(("before: cache off", new() { ["Kubernetes__Cache__Enabled"] = "false" }, before));
            bots.Add(("before: cache on", [], before));
        }

        System.Console.WriteLine($"# first answer after start: /k8s pods -A on {PodCount:N0} realistic pods, {rounds} rounds, {TimeProvider.System.GetUtcNow():u}, {Environment.ProcessorCount} cores, load {Load()}");
        await using var simulator = SimulatedPods.Create(PodCount, realistic: true);
        await simulator.StartAsync().ConfigureAwait(false);
        var kubeconfig = simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-first-answer-{Environment.ProcessId}.kubeconfig"));
        var kubectlCache = Directory.CreateTempSubdirectory("opsbot-first-answer-kubectl-").FullName;
        if (!args.Contains("--skip-floor"))
        {
            await FloorAsync(simulator, kubeconfig, kubectlCache, rounds).ConfigureAwait(false);
        }

        await using var empty = SimulatedPods.Create(0, realistic: true);
        await empty.StartAsync().ConfigureAwait(false);
        var emptyKubeconfig = empty.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-first-answer-empty-{Environment.ProcessId}.kubeconfig"));

        var results = bots.ToDictionary(bot => bot.Name, _ => new List<(double Ready, double First, double Second, double Rss, string Source)>());
        var emptyFirst = new List<double>();
        var failures = new Dictionary<string, int>();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < bots.Count; k++)
            {
                var (name, environment, dll) = bots[(round + k) % bots.Count];
                try
                {
                    results[name].Add(await StartAndAskAsync(kubeconfig, environment, dll, PodCount).ConfigureAwait(false));
                }
                catch (InvalidOperationException error)
                {
                    // A timed-out answer ("did not answer within 30 s") counts as a failure of that round, said in the table.
                    failures[name] = failures.GetValueOrDefault(name) + 1;
                    System.Console.WriteLine($"{name}: {error.Message}");
                }
            }

            emptyFirst.Add((await StartAndAskAsync(emptyKubeconfig, new() { ["Kubernetes__Cache__Enabled"] = "false" }, null, 0).ConfigureAwait(false)).First);
            System.Console.WriteLine($"round {round + 1} done, load {Load()}");
        }

        System.Console.WriteLine("## the bot's first /k8s pods -A after a start (median of the rounds; min–max)");
        System.Console.WriteLine("| bot | process → ready | ready → first answer | second answer (warm) | RSS after the first | answered from |");
        System.Console.WriteLine("|---|--:|--:|--:|--:|---|");
        foreach (var (name, values) in results.Where(result => result.Value.Count > 0))
        {
            System.Console.WriteLine($"| {name} | {Spread(values.Select(v => v.Ready))} | **{Spread(values.Select(v => v.First))}** | {Spread(values.Select(v => v.Second))} | {Median(values.Select(v => v.Rss)):0.0} MB | {string.Join(", ", values.Select(v => v.Source).Distinct())}{(failures.TryGetValue(name, out var failed) ? $"; {failed} of {rounds} failed" : "")} |");
        }

        System.Console.WriteLine($"| empty cluster, cache off | | {Spread(emptyFirst)} | | | |");
        System.Console.WriteLine($"load at the end {Load()}");
        return 0;
    }

    /// <summary>The simulator alone: every pod over HTTP in each shape kubectl or a client would ask for, and kubectl itself.</summary>
    private static async Task FloorAsync(ClusterSimulator simulator, string kubeconfig, string kubectlCache, int rounds)
    {
        using var http = simulator.CreateHttpClient();
        http.Timeout = TimeSpan.FromMinutes(3);
        var bytes = new Dictionary<string, long>();
        const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        (string Name, Func<Task> Run) Read(string name, string accept, string query, int? limit) => (name, async () => bytes[name] = await ReadAllAsync(http, accept, query, limit).ConfigureAwait(false));
        var times = await SideBySide.AlternateAsync(
            rounds,
            Read("Table, includeObject=Metadata, 500 a page", Table, "includeObject=Metadata", 500),
            Read("Table, includeObject=Metadata, one page", Table, "includeObject=Metadata", null),
            Read("Table, includeObject=None, 500 a page", Table, "includeObject=None", 500),
            Read("Table, includeObject=None, one page", Table, "includeObject=None", null),
            Read("JSON list, 500 a page", "application/json", string.Empty, 500),
            Read("JSON list, one page", "application/json", string.Empty, null),
            ("kubectl get pods -A", () => Task.Run(() => Kubectl.GetPodsAllNamespaces(kubeconfig, kubectlCache, PodCount)))).ConfigureAwait(false);
        System.Console.WriteLine($"## the floor: the simulator serving {PodCount:N0} realistic pods (HTTP read to the last byte, nothing parsed), load {Load()}");
        System.Console.WriteLine("| read | median | min–max | bytes |");
        System.Console.WriteLine("|---|--:|--:|--:|");
        foreach (var (name, values) in times)
        {
            System.Console.WriteLine($"| {name} | {Median(values):N0} ms | {values.Min():N0}–{values.Max():N0} ms | {(bytes.TryGetValue(name, out var b) ? (b / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "")} |");
        }
    }

    /// <summary>Every page of <c>/api/v1/pods</c>, read to the last byte; the bytes read.</summary>
    private static async Task<long> ReadAllAsync(HttpClient http, string accept, string query, int? limit)
    {
        long total = 0;
        string? next = null;
        do
        {
            var parts = new List<string>();
            if (query.Length > 0)
            {
                parts.Add(query);
            }

            if (limit is { } l)
            {
                parts.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
            }

            if (next is not null)
            {
                parts.Add("continue=" + Uri.EscapeDataString(next));
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/pods?" + string.Join('&', parts), UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            total += body.Length;
            // Only the continue token: it sits in the list's metadata, near the start of the body.
            var head = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
            var at = head.IndexOf("\"continue\":\"", StringComparison.Ordinal);
            next = at < 0 ? null : head[(at + 12)..head.IndexOf('"', at + 12)];
        }
        while (next is not null);

        return total;
    }

    private static async Task<(double Ready, double First, double Second, double Rss, string Source)> StartAndAskAsync(string kubeconfig, Dictionary<string, string> environment, string? dll, int expected)
    {
        var clock = Stopwatch.StartNew();
        await using var bot = await BenchBot.StartAsync(kubeconfig, dll, environment).ConfigureAwait(false);
        var ready = clock.Elapsed.TotalMilliseconds;
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        clock.Restart();
        JsonObject body;
        try
        {
            body = await AskAsync(http, expected).ConfigureAwait(false);
        }
        catch (InvalidOperationException error)
        {
            // What the bot logged (warnings and errors; more with --variant "…:Logging__LogLevel__Default=Information").
            throw new InvalidOperationException(error.Message + "\n" + string.Join('\n', bot.Output.Split('\n').TakeLast(40)), error);
        }

        var first = clock.Elapsed.TotalMilliseconds;
        var rss = bot.ResidentMegabytes();
        clock.Restart();
        await AskAsync(http, expected).ConfigureAwait(false);
        var second = clock.Elapsed.TotalMilliseconds;
        var said = (string?)body["text"] ?? string.Empty;
        var source = said.Contains("from cache", StringComparison.Ordinal) ? "cache" : said.Contains("from the API", StringComparison.Ordinal) ? "API (cache syncing)" : "API";
        return (ready, first, second, rss, source);
    }

    private static async Task<JsonObject> AskAsync(HttpClient http, int expected)
    {
        using var response = await http.PostAsJsonAsync("api/console/commands", new { text = "/k8s pods -A", user = "alice", channel = "bench" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false))!;
        return (int?)body["report"]?["total"] == expected || expected == 0 ? body : throw new InvalidOperationException($"unexpected answer: {body["text"]}");
    }

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return $"{Median(list):N0} ms ({list.Min():N0}–{list.Max():N0})";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
