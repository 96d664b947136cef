using OpsBot.ClusterSim.Faults;
using OpsBot.Testing;
using OpsBot.Testing.Slack;
using OpsBot.Testing.Teams;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// The faults, load and kill scenarios of docs/RELIABILITY.md. Each starts its own world (cluster, fake Slack, the real
/// bot process), runs a seeded mix of commands plus restarts approved by another user, and returns its figures. The
/// sizes are parameters: the benchmark runs them large, the test suite small.
/// </summary>
internal static class ReliabilityScenarios
{
    /// <summary>How long a command may take before its reply is late: <c>Commands:Timeout</c> (30 s) and a margin for delivery.</summary>
    public static readonly TimeSpan ReplyDeadline = TimeSpan.FromSeconds(45);

    /// <summary>20 % of every Kubernetes call fails (500, 503, 429 with Retry-After: 1 s in about equal shares), logs take 2 s more, every second deployment patch is a 409.</summary>
    public static FaultRule[] KubernetesFaults() =>
    [
        new FaultRule { Verb = "patch", Resource = "deployments.apps", StatusCode = 409, EveryNth = 2, Message = "the object has been modified; please apply your changes to the latest version and try again" },
        new FaultRule { Resource = "pods/log", LatencyMs = 2000 },
        new FaultRule { StatusCode = 500, ErrorRate = 0.0667 },
        new FaultRule { StatusCode = 503, ErrorRate = 0.0715 },
        new FaultRule { StatusCode = 429, ErrorRate = 0.0770, RetryAfterSeconds = 1 },
    ];

    /// <summary>Slack refuses 15 % of posts and updates with 429 (Retry-After 1 s) and fails 10 % with 500/502/503, half of those after posting.</summary>
    public static FakeSlackFaults SlackFaults(int seed) => new() { Seed = seed, RateLimitRate = 0.15, ServerErrorRate = 0.10, LandedShare = 0.5 };

    public static async Task<ScenarioResult> KubernetesFaultsAsync(int commands, int concurrency, int seed)
    {
        await using var world = await DrillWorld.StartAsync(faultSeed: seed).ConfigureAwait(false);
        world.SetClusterFaults(KubernetesFaults());
        return await MixedLoadAsync("Kubernetes API faults", world, commands, concurrency, seed).ConfigureAwait(false);
    }

    public static async Task<ScenarioResult> SlackFaultsAsync(int commands, int concurrency, int seed)
    {
        await using var world = await DrillWorld.StartAsync().ConfigureAwait(false);
        world.Slack.InjectFaults(SlackFaults(seed));
        var result = await MixedLoadAsync("Slack 429 and 5xx storm", world, commands, concurrency, seed).ConfigureAwait(false);
        var (rateLimited, landed, notLanded) = world.Slack.InjectedFaults;
        return result with { Notes = [.. result.Notes, $"Slack answered {rateLimited} calls 429, {landed} 5xx after posting, {notLanded} 5xx without posting"] };
    }

    /// <summary>Both storms at once: Kubernetes API faults and Slack 429/5xx (the test suite's short, seeded drill).</summary>
    public static async Task<ScenarioResult> CombinedFaultsAsync(int commands, int concurrency, int seed)
    {
        await using var world = await DrillWorld.StartAsync(faultSeed: seed).ConfigureAwait(false);
        world.SetClusterFaults(KubernetesFaults());
        world.Slack.InjectFaults(SlackFaults(seed));
        return await MixedLoadAsync("Kubernetes faults and Slack storm", world, commands, concurrency, seed).ConfigureAwait(false);
    }

    /// <summary>The Bot Connector answers 20 % of calls 429 (Retry-After 1 s), 10 % 502 before writing and 10 % 502 after writing.</summary>
    public static FakeTeamsFaults TeamsFaults(int seed) => new() { Seed = seed, RateLimitRate = 0.20, BadGatewayRate = 0.10, AppliedThenBadGatewayRate = 0.10 };

    /// <summary>
    /// Commands through the real Bot Framework HTTP path (signed JWT activities to <c>/api/messages</c>) in waves of
    /// <paramref name="concurrency"/> while the fake connector storms (<see cref="TeamsFaults"/>): every reply delivered
    /// (later) or reported in its thread, never lost silently, never written twice.
    /// </summary>
    public static async Task<ScenarioResult> TeamsFaultsAsync(int commands, int concurrency, int seed)
    {
        await using var world = await TeamsDrillWorld.StartAsync(seed).ConfigureAwait(false);
        world.Channel.InjectFaults(TeamsFaults(seed));
        var random = new Random(seed);
        var sent = new List<DrillCommand>();
        var rss = new List<double> { world.Bot.ResidentMegabytes() };
        while (sent.Count < commands)
        {
            var wave = DrillMix.Next(world.NewCommand, random, Math.Min(concurrency, commands - sent.Count));
            await world.SendAsync(wave).ConfigureAwait(false);
            sent.AddRange(wave);
            await world.SettleAsync(wave, ReplyDeadline).ConfigureAwait(false);
            rss.Add(world.Bot.ResidentMegabytes());
        }

        var tally = await world.SettleAsync(sent, ReplyDeadline).ConfigureAwait(false);
        var (rateLimited, badGateway) = world.Channel.InjectedFaults;
        return new ScenarioResult
        {
            Name = "Teams connector 429 and 502 storm",
            Tally = tally,
            Rss = rss,
            Notes =
            [
                $"connector answered {rateLimited} calls 429, {badGateway} 502 without writing, {world.Channel.AppliedThenBadGateways} 502 after writing",
                $"acks: {string.Join(", ", sent.GroupBy(command => command.AckStatus).Select(group => $"{group.Key} × {group.Count()}"))}",
                .. LostNotes(tally, sent),
                .. tally.LostIndexes.Take(3).SelectMany(index => LogAbout(world.Bot, sent.First(command => command.Index == index).Channel)),
            ],
        };
    }

    // What the bot logged about a command's message id (why its reply is missing).
    private static IEnumerable<string> LogAbout(OpsBotProcess bot, string messageId) =>
        bot.Output.Split('\n').Where(line => line.Contains(messageId, StringComparison.Ordinal)).Select(line => "log: " + line.Trim()).Take(4);

    /// <summary>
    /// Restarts approved first (so that they execute and verify under the load), then the commands in waves of
    /// <paramref name="concurrency"/>; every reply is awaited, then every workflow's end.
    /// </summary>
    private static async Task<ScenarioResult> MixedLoadAsync(string name, DrillWorld world, int commands, int concurrency, int seed)
    {
        var random = new Random(seed);
        var sent = new List<DrillCommand>();
        var restarts = DrillMix.Restarts(world);
        await world.SendAsync(restarts).ConfigureAwait(false);
        sent.AddRange(restarts);
        await world.SettleAsync(restarts, ReplyDeadline).ConfigureAwait(false);
        var approved = await world.ApproveAllAsync(restarts).ConfigureAwait(false);
        var rss = new List<double> { world.Bot.ResidentMegabytes() };
        while (sent.Count - restarts.Count < commands)
        {
            var wave = DrillMix.Next(world, random, Math.Min(concurrency, commands - (sent.Count - restarts.Count)));
            await world.SendAsync(wave).ConfigureAwait(false);
            sent.AddRange(wave);
            await world.SettleAsync(wave, ReplyDeadline).ConfigureAwait(false);
            rss.Add(world.Bot.ResidentMegabytes());
        }

        var tally = await world.SettleAsync(sent, ReplyDeadline).ConfigureAwait(false);
        var states = await world.WaitForWorkflowsAsync(approved, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        var executions = await world.ExecutionsAsync(approved).ConfigureAwait(false);
        return new ScenarioResult { Name = name, Tally = tally, Executions = executions, WorkflowStates = states, Rss = rss, Notes = [.. LostNotes(tally, sent), .. world.WorkflowNotes(restarts, states)] };
    }

    /// <summary>
    /// Restarts approved; then <paramref name="burst"/> concurrent commands while 20 % of Kubernetes calls fail, the bot
    /// SIGKILLed once half of them are acked, and a new process started on the same database.
    /// </summary>
    public static async Task<ScenarioResult> KillAsync(int burst, int seed)
    {
        await using var world = await DrillWorld.StartAsync(faultSeed: seed).ConfigureAwait(false);
        world.SetClusterFaults(KubernetesFaults());
        var random = new Random(seed);
        var restarts = DrillMix.Restarts(world);
        await world.SendAsync(restarts).ConfigureAwait(false);
        await world.SettleAsync(restarts, ReplyDeadline).ConfigureAwait(false);
        var approved = await world.ApproveAllAsync(restarts).ConfigureAwait(false);

        var commands = DrillMix.Next(world, random, burst);
        var sending = world.SendAsync(commands);
        while (commands.Count(command => command.AckStatus != 0) < burst / 2 && !sending.IsCompleted)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }

        world.Bot.Kill();
        await sending.ConfigureAwait(false);
        var ackedBeforeKill = commands.Count(command => command.AckStatus == 200);
        await world.Bot.RestartAsync().ConfigureAwait(false);
        var all = restarts.Concat(commands).ToList();
        var tally = await world.SettleAsync(all, ReplyDeadline).ConfigureAwait(false);
        var states = await world.WaitForWorkflowsAsync(approved, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        var executions = await world.ExecutionsAsync(approved).ConfigureAwait(false);
        return new ScenarioResult
        {
            Name = $"{burst} concurrent commands, 20 % Kubernetes faults, SIGKILL in the middle",
            Tally = tally,
            Executions = executions,
            WorkflowStates = states,
            Rss = [world.Bot.ResidentMegabytes()],
            Notes = [$"{ackedBeforeKill} of {burst} acked before the kill; the rest could not reach the bot (Slack tells the user)", .. LostNotes(tally, all), .. world.WorkflowNotes(restarts, states), .. ExecutionNotes(executions, states)],
        };
    }

    /// <summary>The Slack channel stakeholder updates go to in the PostgreSQL drill.</summary>
    public const string StatusChannel = "C0STATUS";

    /// <summary>The Slack channel check alerts go to in the PostgreSQL drill.</summary>
    public const string AlertChannel = "C0ALERTS";

    /// <summary>The text of the stakeholder update the PostgreSQL drill approves.</summary>
    public const string UpdateText = "Checkout's TLS certificate expired; we are renewing it. Next update in 1 hour.";

    // The PostgreSQL drill's incident and check: approved updates go to a Slack channel, cert-expiry runs every 2 s on the
    // job server (Hangfire on the same PostgreSQL) and alerts a Slack channel; the other checks stay off.
    private static readonly Dictionary<string, string> IncidentAndCheckSettings = new(StringComparer.Ordinal)
    {
        ["Incidents:StakeholderChannels:0"] = "slack:" + StatusChannel,
        ["Channels:Items:0:Id"] = "slack:" + AlertChannel,
        ["Channels:Items:0:Namespaces:0"] = "ecommerce-*",
        ["Channels:Items:0:Alerts"] = "true",
        ["Checks:CertExpiry:Cron"] = "*/2 * * * * *",
        ["Checks:RestartTrend:Enabled"] = "false",
        ["Checks:Digest:Enabled"] = "false",
        ["Jobs:PollingInterval"] = "00:00:01",
    };

    /// <summary>
    /// The bot on PostgreSQL, in a cluster with an expired certificate (S7): four restarts approved and running (applying,
    /// verifying); an incident's stakeholder update approved and being posted, and the scheduled cert-expiry check posting
    /// its alert — both posts landed on Slack, their answers held — when the database is restarted (connections cut,
    /// <paramref name="downtime"/> down) while <paramref name="commands"/> commands arrive; the held answers come back while
    /// it is down. Nothing may be lost or done twice: every approved action ran once and ended in a final state; every
    /// command answered or reported; the update and the alert each posted once, and the store knows they went out (the
    /// update recorded Sent, the alert linked for its updates and follow-ups).
    /// </summary>
    public static async Task<ScenarioResult> PostgresRestartAsync(PostgresServer server, int commands, TimeSpan downtime, int seed)
    {
        var connectionString = await server.CreateDatabaseAsync().ConfigureAwait(false);
        await using var world = await DrillWorld.StartAsync(postgresConnectionString: connectionString, settings: IncidentAndCheckSettings, faultSeed: seed,
            scenario: "s07-tls-certificate-expired", heldChannels: [StatusChannel, AlertChannel]).ConfigureAwait(false);
        var random = new Random(seed);
        var restarts = DrillMix.Restarts(world);
        await world.SendAsync(restarts).ConfigureAwait(false);
        await world.SettleAsync(restarts, ReplyDeadline).ConfigureAwait(false);
        var approved = await world.ApproveAllAsync(restarts).ConfigureAwait(false);

        // alice declares (and commands), bob drafts the update, alice approves it: its post to the status channel lands
        // and waits for its answer, as does the scheduled check's alert.
        var declared = await world.Bot.CommandAsync($"/incident declare sev2 \"Checkout TLS certificate expired\" -n {DrillWorld.Namespace}", "alice").ConfigureAwait(false);
        var incident = System.Text.RegularExpressions.Regex.Match(declared.ToJsonString(), @"INC-\d{4}-\d{4}").Value;
        await world.Bot.CommandAsync($"/incident update --incident {incident} \"{UpdateText}\"", "bob").ConfigureAwait(false);
        var approving = world.Bot.PressAsync("incident.update.approve", incident + "|1", "alice");
        var landed = await WaitAsync(() => Task.FromResult(Posts(world, StatusChannel).Count > 0 && Posts(world, AlertChannel).Count > 0), TimeSpan.FromMinutes(2)).ConfigureAwait(false);

        // The presses are handled after their ack: the database goes down once every workflow is applying or verifying.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1);
        while ((await world.WorkflowStatesAsync(approved).ConfigureAwait(false)).Values.Any(state => state is "AwaitingApproval" or "Approved")
            && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        var statesAtOutage = await world.WorkflowStatesAsync(approved).ConfigureAwait(false);
        var wave = DrillMix.Next(world, random, commands);
        var outage = server.RestartAsync(downtime);
        var release = Task.Run(async () =>
        {
            // The update's and the alert's answers come back while the database is down.
            await Task.Delay(downtime / 3).ConfigureAwait(false);
            world.Slack.ReleaseAnswers(StatusChannel);
            world.Slack.ReleaseAnswers(AlertChannel);
        });
        await Task.Delay(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        await world.SendAsync(wave).ConfigureAwait(false);
        await Task.WhenAll(outage, release).ConfigureAwait(false);
        var approval = await Outcome(approving).ConfigureAwait(false);
        var all = restarts.Concat(wave).ToList();
        var tally = await world.SettleAsync(all, ReplyDeadline).ConfigureAwait(false);
        var states = await world.WaitForWorkflowsAsync(approved, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        var executions = await world.ExecutionsAsync(approved).ConfigureAwait(false);

        // The update recorded Sent and the alert linked (each within a minute), then a few more check runs: none may post again.
        await WaitAsync(async () => await UpdateRecordAsync(world, incident).ConfigureAwait(false) == "recorded" && (await world.LinksAsync("cert-expiry:").ConfigureAwait(false)).Count > 0, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(6)).ConfigureAwait(false);
        var links = await world.LinksAsync("cert-expiry:").ConfigureAwait(false);
        var updates = Posts(world, StatusChannel);
        var alerts = Posts(world, AlertChannel);
        return new ScenarioResult
        {
            Name = $"PostgreSQL restarted ({downtime.TotalSeconds:0} s down) during 4 approved restarts, a stakeholder update's delivery, a cert-expiry alert and {commands} commands",
            Tally = tally,
            Executions = executions,
            WorkflowStates = states,
            Deliveries = new Dictionary<string, (int Posted, string Record)>(StringComparer.Ordinal)
            {
                [$"{incident} update #1 to slack:{StatusChannel}"] = (updates.Count(message => message.Text?.Contains("TLS certificate expired; we are renewing", StringComparison.Ordinal) == true), await UpdateRecordAsync(world, incident).ConfigureAwait(false)),
                [$"cert-expiry alert to slack:{AlertChannel}"] = (alerts.Count, links.Count == 1 && links.Values.Single() == 1 ? "recorded" : $"links {string.Join(", ", links.Select(pair => $"{pair.Key} × {pair.Value}"))}"),
            },
            Rss = [world.Bot.ResidentMegabytes()],
            Notes =
            [
                $"workflows when the database went down: {string.Join(", ", statesAtOutage.Values.GroupBy(state => state).Select(group => $"{group.Key} {group.Count()}"))}",
                $"acks: {string.Join(", ", wave.GroupBy(command => command.AckStatus).Select(group => $"{group.Key} × {group.Count()}"))}",
                landed ? "the update's and the alert's posts had landed (answers held) when the database went down" : "the update's or the alert's post had NOT landed when the database went down",
                $"the approval press answered: {approval}",
                .. LostNotes(tally, all),
                .. world.WorkflowNotes(restarts, states),
                .. UnfinishedLogNotes(world, states),
                .. DeliveryLogNotes(world, incident),
            ],
        };
    }

    // Top-level posts in a channel (alerts and updates; follow-ups in their threads are not counted).
    private static List<FakeSlackMessage> Posts(DrillWorld world, string channel) =>
        [.. world.Slack.Messages.Where(message => message.Method == "chat.postMessage" && message.Channel == channel && message.ThreadTs is null)];

    // "recorded" once every delivery of update #1 is Sent in the store, else what it is.
    private static async Task<string> UpdateRecordAsync(DrillWorld world, string incident)
    {
        try
        {
            var update = (await world.IncidentAsync(incident).ConfigureAwait(false))?.Update(1);
            return update is null ? "no update #1"
                : update.Deliveries.TrueForAll(delivery => delivery.State == OpsBot.Workflows.Incidents.Updates.DeliveryState.Sent) ? "recorded"
                : "recorded " + string.Join(", ", update.Deliveries.Select(delivery => $"{delivery.Channel} {delivery.State}"));
        }
        catch (System.Data.Common.DbException error)
        {
            return "store not answering: " + error.Message;
        }
    }

    private static async Task<string> Outcome(Task<System.Text.Json.Nodes.JsonObject> press)
    {
        try
        {
            var reply = await press.ConfigureAwait(false);
            var text = (string?)reply["text"] ?? reply.ToJsonString();
            return text.Length > 160 ? text[..160] + "…" : text;
        }
        catch (HttpRequestException error)
        {
            return "HTTP error: " + error.Message;
        }
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return true;
                }
            }
            catch (System.Data.Common.DbException)
            {
                // The database is still coming back.
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        return false;
    }

    // What the bot logged about the incident's delivery or the check (warnings and errors).
    private static IEnumerable<string> DeliveryLogNotes(DrillWorld world, string incident) =>
        world.Bot.Output.Split('\n')
            .Where(line => line.Contains(incident, StringComparison.Ordinal) || line.Contains("cert-expiry", StringComparison.OrdinalIgnoreCase) || line.Contains("Check ", StringComparison.Ordinal))
            .Select(line => line.Trim()).Where(line => line.Length > 0).Distinct(StringComparer.Ordinal).Take(12)
            .Select(line => "log: " + (line.Length > 300 ? line[..300] + "…" : line));

    /// <summary>
    /// <paramref name="commands"/> reads acked and still running (every Kubernetes call hangs) when the bot is SIGKILLed;
    /// after the restart each requester must get exactly one message: the notice that the command was interrupted.
    /// </summary>
    public static async Task<ScenarioResult> PendingAtKillAsync(int commands)
    {
        await using var world = await DrillWorld.StartAsync().ConfigureAwait(false);
        world.SetClusterFaults(new FaultRule { LatencyMs = 120_000 });
        // Triage, not /k8s pods: pods are answered from the watch cache (synced before the fault) without a Kubernetes call,
        // while triage always reads logs and more from the API, so every command is still running at the kill.
        var sent = Enumerable.Range(0, commands).Select(i => world.NewCommand("/triage", i % 2 == 0 ? $"ns/{DrillWorld.Namespace}" : $"deploy/checkout -n {DrillWorld.Namespace}")).ToList();
        await world.SendAsync(sent).ConfigureAwait(false);
        var acked = sent.Count(command => command.AckStatus == 200);
        world.Bot.Kill();
        world.SetClusterFaults();
        await world.Bot.RestartAsync().ConfigureAwait(false);
        var tally = await world.SettleAsync(sent, ReplyDeadline).ConfigureAwait(false);
        return new ScenarioResult
        {
            Name = $"{commands} commands in flight at a SIGKILL",
            Tally = tally,
            Rss = [world.Bot.ResidentMegabytes()],
            Notes = [$"{acked} of {commands} acked before the kill", .. LostNotes(tally, sent)],
        };
    }

    /// <summary>
    /// Hours of simulated time (the cluster at <paramref name="clusterSpeed"/>× real time) and <paramref name="commands"/>
    /// commands in waves of <paramref name="concurrency"/>; RSS sampled after each wave.
    /// </summary>
    public static async Task<ScenarioResult> MemoryAsync(int commands, int concurrency, double clusterSpeed, int seed)
    {
        await using var world = await DrillWorld.StartAsync(clusterSpeed).ConfigureAwait(false);
        var random = new Random(seed);
        var sent = new List<DrillCommand>();
        var rss = new List<double>();
        var clockStart = world.Simulator.Clock.GetUtcNow();
        while (sent.Count < commands)
        {
            var wave = DrillMix.Next(world, random, Math.Min(concurrency, commands - sent.Count));
            await world.SendAsync(wave).ConfigureAwait(false);
            sent.AddRange(wave);
            await world.SettleAsync(wave, ReplyDeadline).ConfigureAwait(false);
            rss.Add(world.Bot.ResidentMegabytes());
        }

        var tally = DrillTally.Of(sent, world.Slack);
        var simulated = world.Simulator.Clock.GetUtcNow() - clockStart;
        return new ScenarioResult
        {
            Name = $"Memory over {commands} commands",
            Tally = tally,
            Rss = rss,
            Notes = [$"{simulated.TotalHours:0.0} simulated hours", .. LostNotes(tally, sent)],
        };
    }

    // What the bot logged about a workflow that did not reach a final state: why its runner stopped driving it.
    private static IEnumerable<string> UnfinishedLogNotes(DrillWorld world, IReadOnlyDictionary<string, string> states)
    {
        var output = world.Bot.Output.Split('\n');
        foreach (var (id, state) in states.Where(pair => pair.Value is "Approved" or "Executing" or "Verifying" or "Reverting"))
        {
            foreach (var line in output.Where(line => line.Contains(id, StringComparison.Ordinal)).TakeLast(8))
            {
                yield return $"{id} ({state}) log: {line.Trim()}";
            }
        }
    }

    // An approved action whose audit has no Executed entry although its workflow succeeded: the change landed (the
    // workflow id stamp says so), but the audit trail lost the record of it.
    private static IEnumerable<string> ExecutionNotes(IReadOnlyDictionary<string, int> executions, IReadOnlyDictionary<string, string> states) =>
        executions.Where(pair => pair.Value == 0 && states.GetValueOrDefault(pair.Key) == "Succeeded")
            .Select(pair => $"workflow {pair.Key} Succeeded with no Executed audit entry");

    private static string[] LostNotes(DrillTally tally, IReadOnlyList<DrillCommand> commands) =>
    [
        .. tally.LostIndexes.Take(5).Select(index => commands.First(command => command.Index == index)).Select(command => $"lost: #{command.Index} {command.Line} (ack {command.AckStatus})"),
        .. tally.DuplicatedIndexes.Take(5).Select(index => commands.First(command => command.Index == index)).Select(command => $"duplicated: #{command.Index} {command.Line}"),
    ];
}
