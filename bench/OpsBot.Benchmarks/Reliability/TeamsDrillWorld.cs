using System.Globalization;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;
using OpsBot.Testing.Teams;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// The Teams drill's world: the simulated cluster (the e-commerce baseline), the fake Bot Framework channel (its OpenID
/// metadata and keys, its token endpoint, its connector with seeded 429/502 faults), and the real OpsBot host as its own
/// process in Teams mode against both. Every command is a channel message mentioning the bot, signed with a JWT as the Bot
/// Connector signs it and posted to <c>/api/messages</c>, with an id of its own, so its reply (a post under it) can be
/// told apart.
/// </summary>
internal sealed class TeamsDrillWorld : IAsyncDisposable
{
    /// <summary>The Teams user the commands come from (an SRE in the bot's configuration).</summary>
    public const string Requester = "aad-alice";

    private readonly TempDirectory _directory = new();
    private HttpClient _http = null!;
    private int _next;

    private TeamsDrillWorld(ClusterSimulator simulator) => Simulator = simulator;

    public ClusterSimulator Simulator { get; }

    public FakeBotFrameworkChannel Channel { get; private set; } = null!;

    public OpsBotProcess Bot { get; private set; } = null!;

    public static async Task<TeamsDrillWorld> StartAsync(int faultSeed)
    {
        var simulator = new ClusterSimulator(new ClusterSimulatorOptions
        {
            FaultSeed = faultSeed,
            UseHttps = false,
            StartTime = TimeProvider.System.GetUtcNow().AddDays(-1),
        });
        var world = new TeamsDrillWorld(simulator);
        await simulator.StartAsync().ConfigureAwait(false);
        simulator.Control.LoadScenario("ecommerce-baseline");
        await simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        world.Channel = await FakeBotFrameworkChannel.StartAsync().ConfigureAwait(false);
        // The fake signs with its own clock (a fixed date for in-process tests); the bot process checks tokens on the real one.
        world.Channel.Time.Advance(TimeProvider.System.GetUtcNow() - world.Channel.Time.GetUtcNow());
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataDirectory"] = world._directory.Path,
            ["Kubernetes:Kubeconfig"] = simulator.WriteKubeconfig(Path.Combine(world._directory.Path, "cluster.kubeconfig")),
            ["Kubernetes:Context"] = "opsbot-sim",
            ["Authorization:Users:10:Id"] = "teams:" + Requester,
            ["Authorization:Users:10:Roles:0"] = "sre",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in world.Channel.Settings)
        {
            settings[key] = value;
        }

        world.Bot = await OpsBotProcess.StartAsync(settings).ConfigureAwait(false);
        world._http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = world.Bot.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return world;
    }

    /// <summary>A new command with a message id of its own (its thread in the drill's channel).</summary>
    public DrillCommand NewCommand(string command, string text)
    {
        var index = Interlocked.Increment(ref _next);
        // Teams has no response_url: the fake channel's address stands in; the message id is the command's "channel".
        return new DrillCommand { Index = index, Command = command, Text = text, Channel = (7_000_000 + index).ToString(CultureInfo.InvariantCulture), ResponseUrl = Channel.BaseAddress };
    }

    /// <summary>
    /// Sends every command at once, each a signed channel message (<c>&lt;at&gt;OpsBot&lt;/at&gt; k8s pods …</c>), and waits
    /// for the acks. A 503 (the bot's queue is full) is delivered again after a second, as Teams does, up to 3 times.
    /// </summary>
    public Task SendAsync(IReadOnlyList<DrillCommand> commands) => Task.WhenAll(commands.Select(SendOneAsync));

    /// <summary>Waits until every command was answered or reported (or <paramref name="timeout"/> passed), then a little more for duplicates.</summary>
    public async Task<DrillTally> SettleAsync(IReadOnlyList<DrillCommand> commands, TimeSpan timeout)
    {
        var deadline = Channel.Elapsed + timeout;
        var tally = Tally(commands);
        while (tally.Lost > 0 && Channel.Elapsed < deadline)
        {
            await Task.Delay(250).ConfigureAwait(false);
            tally = Tally(commands);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false); // a duplicate would arrive right behind
        return Tally(commands);
    }

    /// <summary>
    /// What each command got from what the connector wrote under its message: replies, and notices ("OpsBot could not
    /// confirm that its reply was delivered…"). A post answered 502 after it was written counts: it is there.
    /// </summary>
    public DrillTally Tally(IReadOnlyList<DrillCommand> commands)
    {
        var written = Channel.Calls
            .Where(call => call.Applied && call.Method == "POST")
            .GroupBy(call => call.Path[(call.Path.LastIndexOf('/') + 1)..])
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        return DrillTally.Of([.. commands.Select(command =>
        {
            var posts = written.GetValueOrDefault(command.Channel) ?? [];
            var replies = posts.Where(call => !DrillTally.IsNotice(Text(call))).Select(call => new DrillReply(Text(call), call.ReceivedAt)).ToList();
            return new DrillObservation(command.Index, command.SentAt, command.AckStatus, replies, posts.Count(call => DrillTally.IsNotice(Text(call))));
        })], "Teams");
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (Bot is not null)
        {
            await Bot.DisposeAsync().ConfigureAwait(false);
        }

        if (Channel is not null)
        {
            await Channel.DisposeAsync().ConfigureAwait(false);
        }

        await Simulator.DisposeAsync().ConfigureAwait(false);
        _directory.Dispose();
    }

    private async Task SendOneAsync(DrillCommand command)
    {
        var activity = Activities.ChannelMessage(Channel, $"<at>OpsBot</at> {command.Command.TrimStart('/')} {command.Text}", messageId: command.Channel, user: Requester);
        command.SentAt = Channel.Elapsed;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                using var response = await Activities.PostSignedAsync(_http, Channel, activity).ConfigureAwait(false);
                command.AckStatus = (int)response.StatusCode;
                if (command.AckStatus != 503)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                command.AckStatus = 0;
                return;
            }
            catch (TaskCanceledException)
            {
                command.AckStatus = 0;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    private static string Text(ConnectorCall call) => (string?)call.Body?["text"] ?? string.Empty;
}
