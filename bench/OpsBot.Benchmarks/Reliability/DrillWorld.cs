using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Audit;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Incidents;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Testing.Slack;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// One drill's world: a simulated cluster (the e-commerce baseline, HTTP, controllers on, its own clock speed), the fake
/// Slack, and the real OpsBot host as its own process in Slack HTTP mode against both, with its state in SQLite (a temp
/// folder) or the PostgreSQL given. Commands are signed slash commands, each from its own channel with its own
/// <c>response_url</c>; approvals are signed <c>block_actions</c> presses of the card's Approve button by another user.
/// </summary>
internal sealed class DrillWorld : IAsyncDisposable
{
    public const string Namespace = "ecommerce-production";
    public const string Requester = "UDRILL";
    public const string Approver = "UAPPROVER";
    private const string Secret = SlackRequestSigner.TestSecret;

    private readonly TempDirectory _directory = new();
    private readonly SlackRequestSigner _signer = new(Secret);
    private readonly string? _postgres;
    private HttpClient _http = null!;
    private int _next;

    private DrillWorld(ClusterSimulator simulator, string? postgresConnectionString)
    {
        Simulator = simulator;
        _postgres = postgresConnectionString;
    }

    public ClusterSimulator Simulator { get; }

    public FakeSlack Slack { get; private set; } = null!;

    public OpsBotProcess Bot { get; private set; } = null!;

    public string DataDirectory => _directory.Path;

    /// <summary>Starts the cluster (advanced two minutes so that every pod runs), the fake Slack and the bot.</summary>
    /// <param name="faultSeed">Seed of the simulator's fault draws: one seed, one sequence of injected faults (up to the order calls arrive in).</param>
    /// <param name="scenario">The simulator scenario loaded (the e-commerce baseline, or one that extends it).</param>
    /// <param name="heldChannels">Slack channels whose posts are answered only when released (<see cref="FakeSlack.HoldAnswers"/>), from the start.</param>
    public static async Task<DrillWorld> StartAsync(double clusterSpeed = 1, string? postgresConnectionString = null, IReadOnlyDictionary<string, string>? settings = null, int faultSeed = 42, string scenario = "ecommerce-baseline", IReadOnlyList<string>? heldChannels = null)
    {
        var simulator = new ClusterSimulator(new ClusterSimulatorOptions
        {
            FaultSeed = faultSeed,
            UseHttps = false,
            Speed = clusterSpeed,
            StartTime = TimeProvider.System.GetUtcNow().AddDays(-1),
        });
        var world = new DrillWorld(simulator, postgresConnectionString);
        await simulator.StartAsync().ConfigureAwait(false);
        _ = simulator.Control.LoadScenario(scenario) ?? throw new ArgumentException($"no simulator scenario {scenario}", nameof(scenario));
        await simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        world.Slack = await FakeSlack.StartAsync().ConfigureAwait(false);
        foreach (var channel in heldChannels ?? [])
        {
            world.Slack.HoldAnswers(channel);
        }

        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataDirectory"] = world._directory.Path,
            ["Kubernetes:Kubeconfig"] = simulator.WriteKubeconfig(Path.Combine(world._directory.Path, "cluster.kubeconfig")),
            ["Kubernetes:Context"] = "opsbot-sim",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = world.Slack.ApiBaseUrl.AbsoluteUri,
            ["Authorization:Users:10:Id"] = "slack:" + Requester,
            ["Authorization:Users:10:Roles:0"] = "sre",
            ["Authorization:Users:11:Id"] = "slack:" + Approver,
            ["Authorization:Users:11:Roles:0"] = "sre",
            ["Approvals:VerificationInterval"] = "00:00:00.500",
            ["Approvals:RunnerLease"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (postgresConnectionString is not null)
        {
            all["Storage:Provider"] = "Postgres";
            all["Storage:ConnectionString"] = postgresConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        world.Bot = await OpsBotProcess.StartAsync(all).ConfigureAwait(false);
        world._http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = world.Bot.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return world;
    }

    /// <summary>Kubernetes API faults, as <c>POST /sim/faults</c> sets them.</summary>
    public void SetClusterFaults(params FaultRule[] rules) => Simulator.Faults.Set(rules);

    /// <summary>A new command from <see cref="Requester"/> in a channel of its own.</summary>
    public DrillCommand NewCommand(string command, string text)
    {
        var index = Interlocked.Increment(ref _next);
        var channel = "CDRILL" + index.ToString("00000", CultureInfo.InvariantCulture);
        return new DrillCommand { Index = index, Command = command, Text = text, Channel = channel, ResponseUrl = Slack.NewResponseUrl(channel) };
    }

    /// <summary>Sends every command at once (signed first, then started from one loop) and waits for the acks.</summary>
    public async Task SendAsync(IReadOnlyList<DrillCommand> commands)
    {
        var now = TimeProvider.System.GetUtcNow();
        var requests = commands.Select(command => _signer.Request("/slack/commands",
            SlackRequestSigner.CommandForm(command.Command, command.Text, Requester, command.Channel, command.ResponseUrl, SlackPayloads.NewTriggerId()), now)).ToList();
        var sends = new Task[commands.Count];
        for (var i = 0; i < commands.Count; i++)
        {
            sends[i] = SendOneAsync(commands[i], requests[i]);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    /// <summary>Waits until every command was answered, reported or refused (or <paramref name="timeout"/> passed), then a little more for duplicates.</summary>
    public async Task<DrillTally> SettleAsync(IReadOnlyList<DrillCommand> commands, TimeSpan timeout)
    {
        var deadline = Slack.Now + timeout;
        var tally = DrillTally.Of(commands, Slack);
        while (tally.Lost > 0 && Slack.Now < deadline)
        {
            await Task.Delay(250).ConfigureAwait(false);
            tally = DrillTally.Of(commands, Slack);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false); // a duplicate would arrive right behind
        return DrillTally.Of(commands, Slack);
    }

    /// <summary>
    /// Presses Approve (as <see cref="Approver"/>) on every approval card the commands got; returns the workflow ids pressed.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApproveAllAsync(IReadOnlyList<DrillCommand> commands)
    {
        var channels = commands.Select(command => command.Channel).ToHashSet(StringComparer.Ordinal);
        var cards = Slack.Messages
            .Where(message => message.Method == "chat.postMessage" && channels.Contains(message.Channel) && message.Blocks is not null)
            .Select(message => (Message: message, Button: Buttons(message.Blocks!).FirstOrDefault(button => ((string?)button["action_id"])?.StartsWith("workflow.approve", StringComparison.Ordinal) == true)))
            .Where(card => card.Button is not null)
            .ToList();
        var now = TimeProvider.System.GetUtcNow();
        var presses = cards.Select(async card =>
        {
            var payload = SlackPayloads.BlockActions(Approver, card.Message.Channel, (string)card.Button!["action_id"]!, (string)card.Button["value"]!, Slack.NewResponseUrl(card.Message.Channel), card.Message.Ts!);
            using var request = _signer.Request("/slack/interactions", SlackPayloads.InteractionForm(payload), now);
            try
            {
                using var response = await _http.SendAsync(request).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The bot is down: the press is lost on Slack's side, as a real click would be.
            }

            return (string)card.Button["value"]!;
        });
        return await Task.WhenAll(presses).ConfigureAwait(false);
    }

    /// <summary>How many times the audit says each workflow's change was executed.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ExecutionsAsync(IEnumerable<string> workflowIds)
    {
        await using var database = Database();
        var audit = new SqlAuditLog(database);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in workflowIds.Distinct(StringComparer.Ordinal))
        {
            var entries = await audit.QueryAsync(new AuditQuery { Subject = OpsBot.ActionWorkflows.WorkflowActionIds.Subject(id), Limit = 100 }).ConfigureAwait(false);
            counts[id] = entries.Count(entry => entry.Outcome == AuditOutcome.Executed);
        }

        return counts;
    }

    /// <summary>The incident as stored (its updates and their deliveries), or null.</summary>
    public async Task<Incident?> IncidentAsync(string id)
    {
        await using var database = Database();
        return await new SqlIncidentStore(database).GetAsync(id).ConfigureAwait(false) is { } record ? IncidentRecords.FromRecord(record) : null;
    }

    /// <summary>
    /// How many messages are linked under each subject starting with <paramref name="prefix"/> (a posted alert is linked
    /// under its subject so that its in-place updates and thread follow-ups find it).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> LinksAsync(string prefix)
    {
        await using var database = Database();
        await using var connection = await database.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT subject, COUNT(*) FROM message_links WHERE subject LIKE @prefix GROUP BY subject";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "prefix";
        parameter.Value = prefix + "%";
        command.Parameters.Add(parameter);
        var links = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            links[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return links;
    }

    /// <summary>Each workflow's state now (as stored), e.g. <c>Succeeded</c>, <c>Verifying</c>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WorkflowStatesAsync(IEnumerable<string> workflowIds)
    {
        await using var database = Database();
        var store = new SqlWorkflowStore(database);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in workflowIds.Distinct(StringComparer.Ordinal))
        {
            states[id] = (await store.GetAsync(id).ConfigureAwait(false))?.State ?? "missing";
        }

        return states;
    }

    /// <summary>Waits until no workflow is approved, executing, verifying or reverting (or <paramref name="timeout"/> passed); the states.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitForWorkflowsAsync(IReadOnlyList<string> workflowIds, TimeSpan timeout)
    {
        var deadline = Slack.Now + timeout;
        while (true)
        {
            var states = await WorkflowStatesAsync(workflowIds).ConfigureAwait(false);
            if (Slack.Now > deadline || states.Values.All(state => state is not ("Approved" or "Executing" or "Verifying" or "Reverting" or "AwaitingApproval" or "Proposed")))
            {
                return states;
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
    }

    /// <summary>For each workflow that did not succeed: the last thing the bot said about it in its channel.</summary>
    public IEnumerable<string> WorkflowNotes(IReadOnlyList<DrillCommand> commands, IReadOnlyDictionary<string, string> states)
    {
        var failed = states.Where(pair => pair.Value != "Succeeded").Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            var messages = Slack.Messages.Where(message => message.Channel == command.Channel).ToList();
            var id = failed.FirstOrDefault(id => messages.Any(message => message.Body.ToJsonString().Contains(id, StringComparison.Ordinal)));
            if (id is not null)
            {
                yield return $"workflow {id} ({command.Text}) ended {states[id]}: {messages[^1].Method} \"{messages[^1].Text}\"";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (Bot is not null)
        {
            await Bot.DisposeAsync().ConfigureAwait(false);
        }

        if (Slack is not null)
        {
            await Slack.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Simulator.DisposeAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException error)
        {
            // ClusterSim's engine can trip over its own list while stopping (SimulationEngine.Tick, "Collection was
            // modified"): a simulator defect reported apart; the drill's figures are already taken.
            System.Console.Error.WriteLine("// simulator stop: " + error.Message);
        }

        _directory.Dispose();
    }

    private StoreDatabase Database() => _postgres is null ? SqliteStoreDatabase.InDirectory(_directory.Path) : new PostgresStoreDatabase(_postgres);

    private async Task SendOneAsync(DrillCommand command, HttpRequestMessage request)
    {
        using (request)
        {
            command.SentAt = Slack.Now;
            try
            {
                using var response = await _http.SendAsync(request).ConfigureAwait(false);
                var ack = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                command.AckStatus = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK && ack.Contains("\"response_type\"", StringComparison.Ordinal) && !ack.Contains("Working on", StringComparison.Ordinal))
                {
                    command.AnsweredInAck = true;
                    command.AckText = (string?)JsonNode.Parse(ack)?["text"];
                }
            }
            catch (HttpRequestException)
            {
                command.AckStatus = 0;
            }
            catch (TaskCanceledException)
            {
                // No ack within 30 s: Slack would have shown the user operation_timeout.
                command.AckStatus = 0;
            }
        }
    }

    private static IEnumerable<JsonObject> Buttons(JsonArray blocks) =>
        blocks.OfType<JsonObject>().SelectMany(block => block["elements"] as JsonArray ?? []).OfType<JsonObject>().Where(element => (string?)element["type"] == "button");
}
