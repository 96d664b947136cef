using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OpsBot.Testing;
using OpsBot.Testing.Slack;

namespace OpsBot.Benchmarks;

/// <summary>
/// 200 signed slash commands (<c>/k8s pods -n ecommerce-production</c>, real pipeline, embedded simulator)
/// sent at once to the real host (the built <c>OpsBot.dll</c> in its own process, Kestrel on loopback), each with its own <c>response_url</c> on a fake
/// Slack. Measures each command's ack latency (send → HTTP 200) and checks every command was answered
/// exactly once (in its ack or through its <c>response_url</c>). The cleanup prints p50 / p99 / max and
/// the lost / duplicated counts over all iterations.
/// </summary>
[Config(typeof(InProcessMonitoring))]
public class SlackAckBenchmarks
{
    private const int Concurrent = 200;
    private const string Secret = SlackRequestSigner.TestSecret;

    // Ack latencies of each 200-command round, in order: the first is BenchmarkDotNet's warm-up iteration.
    private readonly List<double[]> _rounds = [];
    private FakeSlack _slack = null!;
    private OpsBotProcess _host = null!;
    private HttpClient _client = null!;
    private SlackRequestSigner _signer = null!;
    private int _lost;
    private int _duplicated;
    private int _commands;
    private int _inAck;

    /// <summary><c>Slack:InlineReplyBudget</c>: how long an ack may wait for the reply before it shows the placeholder.</summary>
    [Params(0, 40)]
    public int InlineReplyBudgetMs { get; set; }

    /// <summary><c>Slack:MaxConcurrentCommands</c>: pipeline runs at once (2 and 8 measured alike on 2 cores; 8 is the default).</summary>
    public int MaxConcurrentCommands { get; set; } = 8;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _host = await StartHostAsync(_slack, TimeSpan.FromMilliseconds(InlineReplyBudgetMs), MaxConcurrentCommands);
        // The client must not be the bottleneck: a connection per concurrent request, and enough threads that
        // no response waits in this process's queue for one (this process also runs the fake Slack).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Concurrent), io);
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrent, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = _host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _signer = new SlackRequestSigner(Secret);
        await RoundAsync(10); // warm the pipeline, the cluster connection and the JIT
        _rounds.Clear();
        (_lost, _duplicated, _commands, _inAck) = (0, 0, 0, 0);
    }

    private async Task CleanupAsync()
    {
        // The warm-up iteration (the first burst of 200 after start: new connections, cold thread pool, tier-0 code)
        // is reported apart; the steady state is the measured iterations.
        var setting = $"inline reply budget {InlineReplyBudgetMs} ms, {MaxConcurrentCommands} workers";
        System.Console.WriteLine($"// slack ack latency, {setting}, first burst: {Summary([.. _rounds[0].Order()])}");
        System.Console.WriteLine($"// slack ack latency, {setting}, steady state over {_rounds.Count - 1} bursts: {Summary([.. _rounds.Skip(1).SelectMany(round => round).Order()])}");
        foreach (var (round, index) in _rounds.Select((round, index) => (round, index)))
        {
            System.Console.WriteLine($"//   burst {index}: {Summary([.. round.Order()])}");
        }

        System.Console.WriteLine($"// slack replies, {setting}: {_commands} commands, {_inAck} answered in the ack, {_lost} lost, {_duplicated} duplicated");
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static string Summary(double[] sorted) =>
        $"{sorted.Length} acks, p50 {Percentile(sorted, 0.50):0.0} ms, p95 {Percentile(sorted, 0.95):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms";

    /// <summary>200 concurrent signed slash commands, all acked (the iteration ends when every reply has arrived).</summary>
    [Benchmark]
    public async Task<int> TwoHundredConcurrentSlashCommands() => await RoundAsync(Concurrent);

    private async Task<int> RoundAsync(int count)
    {
        var urls = Enumerable.Range(0, count).Select(_ => _slack.NewResponseUrl("C0BENCH")).ToArray();
        // Every request is built and signed first, then all are sent from one loop without blocking a thread
        // each: the client starts its 200 sends within a millisecond or two, and the clock of each starts
        // just before its own send.
        var now = TimeProvider.System.GetUtcNow();
        var requests = urls.Select(url => _signer.Request(
            "/slack/commands",
            SlackRequestSigner.CommandForm("/k8s", "pods -n ecommerce-production", "UBENCH", "C0BENCH", url, SlackPayloads.NewTriggerId()),
            now)).ToArray();
        var sends = new Task<(Uri Url, bool InAck, double Ms)>[count];
        for (var i = 0; i < count; i++)
        {
            sends[i] = SendAsync(urls[i], requests[i]);
        }

        var results = await Task.WhenAll(sends);
        _rounds.Add([.. results.Select(result => result.Ms)]);
        // Commands not answered in their ack are answered through response_url: wait for those (up to 30 s).
        int[] answers = [];
        for (var waited = 0; waited < 300; waited++)
        {
            var messages = _slack.Messages.Where(message => message.Method == "response_url" && !message.DeleteOriginal && message.Text?.StartsWith("Working on", StringComparison.Ordinal) != true).ToList();
            answers = [.. results.Select(result => (result.InAck ? 1 : 0) + messages.Count(message => message.ResponseUrl == result.Url.Segments[^1]))];
            if (answers.All(count => count > 0))
            {
                break;
            }

            await Task.Delay(100);
        }

        await Task.Delay(200); // a duplicate would arrive right behind the first answer
        _lost += answers.Count(count => count == 0);
        _duplicated += answers.Count(count => count > 1);

        _commands += count;
        _inAck += results.Count(result => result.InAck);
        return results.Length;
    }

    private async Task<(Uri Url, bool InAck, double Ms)> SendAsync(Uri url, HttpRequestMessage request)
    {
        using (request)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await _client.SendAsync(request);
            var elapsed = Stopwatch.GetElapsedTime(sent);
            var ack = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {ack}");
            }

            return (url, ack.Contains("\"response_type\"", StringComparison.Ordinal) && !ack.Contains("Working on", StringComparison.Ordinal), elapsed.TotalMilliseconds);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }

    // The real OpsBot host (src/OpsBot's build output) as its own process, configured like production through
    // environment variables: Slack in HTTP mode against the fake, a Slack user with read access. Its working directory is
    // the build folder, so the build's appsettings.json is read as in production.
    private static Task<OpsBotProcess> StartHostAsync(FakeSlack slack, TimeSpan inlineReplyBudget, int maxConcurrentCommands)
    {
        // OPSBOT_BENCH_BUILD: another build's output folder, to measure a before and an after on the same machine.
        var build = Environment.GetEnvironmentVariable("OPSBOT_BENCH_BUILD") is { Length: > 0 } other
            ? other
            : Path.GetDirectoryName(OpsBotProcess.FindDll("Release"))!;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:MaxConcurrentCommands"] = maxConcurrentCommands.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Slack:InlineReplyBudget"] = inlineReplyBudget.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Authorization:Users:10:Id"] = "slack:UBENCH",
            ["Authorization:Users:10:Roles:0"] = "sre",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        return OpsBotProcess.StartAsync(settings, new OpsBotProcessOptions
        {
            Dll = Path.Combine(build, "OpsBot.dll"),
            WorkingDirectory = build,
            StandardErrorLine = line => System.Console.Error.WriteLine("// opsbot: " + line),
        });
    }
}
