using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.Commands;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.EndToEnd;

/// <summary>
/// One incident drill end to end through the console API of the real OpsBot host on its embedded simulator (clock
/// frozen: only <c>/drill advance</c> moves it): alice (sre) triages and requests, bob (sre) approves, both in
/// <c>#incident</c>. Everything goes through HTTP; nothing reads or writes the host's services directly.
/// </summary>
internal sealed partial class EndToEndConsole : IAsyncDisposable
{
    public const string Namespace = "ecommerce-production";

    // Real time a workflow gets to finish while the test steps the simulated clock; generous for a shared machine.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    private readonly OpsBotHost _host;
    private readonly HttpClient _http;

    private EndToEndConsole(OpsBotHost host)
    {
        _host = host;
        _http = host.CreateClient();
        Alice = new ConsoleClient(_http, "alice");
        Bob = new ConsoleClient(_http, "bob");
    }

    /// <summary>The requester (sre).</summary>
    public ConsoleClient Alice { get; private set; }

    /// <summary>The approver (sre, not the requester).</summary>
    public ConsoleClient Bob { get; private set; }

    /// <summary>The host's HTTP client (for the APIs beside the console's).</summary>
    public HttpClient Http => _http;

    /// <summary>Alice and Bob carry on in <paramref name="channel"/> (an incident's channel, <c>inc-2026-0001</c>).</summary>
    public void MoveTo(string channel)
    {
        Alice = new ConsoleClient(_http, "alice", channel);
        Bob = new ConsoleClient(_http, "bob", channel);
    }

    /// <summary>A host with room for long clock steps and a verification loop that looks often (the judge stays the cluster).</summary>
    public static async Task<EndToEndConsole> StartDrillAsync(string scenario, params (string Key, string Value)[] settings)
    {
        var console = new EndToEndConsole(new OpsBotHost(
            [("Commands:Timeout", "00:05:00"), ("Approvals:VerificationInterval", "00:00:00.050"), .. settings]));
        var started = await console.Alice.RunAsync($"/drill start {scenario}");
        Assert.Contains("Drill started", ConsoleClient.Text(started), StringComparison.Ordinal);
        return console;
    }

    /// <summary><c>/drill advance DURATION</c>, asserting the whole step ran.</summary>
    public async Task AdvanceAsync(string duration)
    {
        var reply = await Alice.RunAsync($"/drill advance {duration}");
        Assert.True(ConsoleClient.Text(reply).Contains("Advanced the simulated clock by", StringComparison.Ordinal), ConsoleClient.Text(reply));
    }

    /// <summary><c>/k8s pods -n ecommerce-production</c>: the report's rows.</summary>
    public async Task<IReadOnlyList<JsonObject>> PodsAsync(string? prefix = null)
    {
        var reply = await Alice.RunAsync($"/k8s pods -n {Namespace}");
        return [.. reply["report"]!["rows"]!.AsArray().Select(row => row!.AsObject()).Where(row => prefix is null || ((string?)row["name"])!.StartsWith(prefix + "-", StringComparison.Ordinal))];
    }

    /// <summary>The first table of <paramref name="command"/>'s answer (as alice): its rows by column header.</summary>
    public async Task<IReadOnlyList<Dictionary<string, string>>> TableAsync(string command)
    {
        var reply = await Alice.RunAsync(command);
        var table = reply["message"]!["blocks"]!.AsArray().First(block => (string?)block!["type"] == "table")!;
        var columns = table["columns"]!.AsArray().Select(column => (string)column!["header"]!).ToList();
        return [.. table["rows"]!.AsArray().Select(row => columns.Zip(row!.AsArray(), (column, cell) => (column, (string?)cell ?? string.Empty)).ToDictionary(pair => pair.column, pair => pair.Item2, StringComparer.Ordinal))];
    }

    /// <summary>
    /// The deployment's pods are all Running, ready and never restarted — now and after another 30 simulated minutes
    /// (a leak that is still too big for its limit, or a probe that still kills, shows within that time).
    /// </summary>
    public async Task AssertHealthyForHalfAnHourAsync(string deployment, int? replicas = null)
    {
        await AssertHealthyAsync(deployment, replicas);
        await AdvanceAsync("30m");
        await AssertHealthyAsync(deployment, replicas);
    }

    /// <summary><c>/triage deploy/NAME</c> finds nothing worse than info any more.</summary>
    public async Task AssertTriageFindsNothingAsync(string deployment)
    {
        var triage = await Alice.RunAsync($"/triage deploy/{deployment}");
        var problems = triage["report"]!["findings"]!.AsArray().Where(f => (string?)f!["severity"] is "critical" or "warning").Select(f => $"{f!["kind"]} {f["resource"]}").ToList();
        Assert.True(problems.Count == 0, $"/triage deploy/{deployment} still finds: {string.Join(", ", problems)}");
    }

    private async Task AssertHealthyAsync(string deployment, int? replicas)
    {
        var pods = await PodsAsync(deployment);
        Assert.NotEmpty(pods);
        if (replicas is { } count)
        {
            Assert.Equal(count, pods.Count);
        }

        Assert.All(pods, pod =>
        {
            var ready = ((string)pod["ready"]!).Split('/');
            Assert.True(
                (string?)pod["status"] == "Running" && ready[0] == ready[1] && (int)pod["restarts"]! == 0 && !(bool)pod["problem"]!,
                $"pod {pod["name"]}: {pod["status"]} ready {pod["ready"]} restarts {pod["restarts"]}");
        });
    }

    /// <summary>The row of HPA <paramref name="name"/> in <c>/k8s hpa -n ecommerce-production</c>.</summary>
    public async Task<Dictionary<string, string>> HpaAsync(string name) =>
        (await TableAsync($"/k8s hpa -n {Namespace}")).Single(row => row["NAME"] == name);

    /// <summary>Asks <paramref name="command"/> as alice; the answer's top finding must be <paramref name="kind"/> on <paramref name="resource"/>.</summary>
    public async Task<Triage> TriageAsync(string command, string kind, string resource)
    {
        var reply = await Alice.RunAsync(command);
        var report = reply["report"]!.AsObject();
        var findings = report["findings"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var root = findings.FirstOrDefault(f => (string?)f["id"] == (string?)report["rootCauseId"])
            ?? throw new Xunit.Sdk.XunitException($"{command}: no root cause; findings: {string.Join(", ", findings.Select(f => f["kind"]))}\n{ConsoleClient.Text(reply)}");
        Assert.Same(findings[0], root);
        Assert.Equal((kind, resource), ((string?)root["kind"], (string?)root["resource"]));
        Assert.NotEmpty(root["evidence"]!.AsArray());
        return new Triage(reply, root);
    }

    /// <summary>Presses the triage message's <c>command.run</c> button whose command is <paramref name="command"/> (as alice): the approval card.</summary>
    public async Task<Card> PressSuggestedAsync(Triage triage, string command)
    {
        var buttons = Buttons(triage.Reply).Where(b => (string?)b["actionId"] == RunCommandButton.ActionId).Select(b => (string)b["value"]!).ToList();
        Assert.True(buttons.Contains(command), $"no button runs \"{command}\"; buttons: {string.Join(" | ", buttons)}");
        return CardOf(await Alice.PressAsync(RunCommandButton.ActionId, command, (string?)triage.Reply["messageId"]));
    }

    /// <summary>Types <paramref name="command"/> as alice (where triage offers no concrete button): the approval card.</summary>
    public async Task<Card> RequestAsync(string command) => CardOf(await Alice.RunAsync(command));

    /// <summary>Bob presses Approve on the card (with the card's message id, as the console page does).</summary>
    public async Task ApproveAsync(Card card)
    {
        var reply = await Bob.PressAsync("workflow.approve", card.WorkflowId, card.MessageId);
        Assert.False((bool)reply["ephemeral"]!, ConsoleClient.Text(reply));
        Assert.True((bool)reply["replaced"]!);
        Assert.Equal(card.MessageId, (string?)reply["messageId"]);
        Assert.Contains("1 of 1 (not by the requester): console:bob", ConsoleClient.Text(reply), StringComparison.Ordinal);
    }

    /// <summary>
    /// Until <c>/workflow show</c> says Succeeded (bounded on real time): the runner verifies against the cluster, so the
    /// simulated clock is stepped by <paramref name="step"/> between looks for the cluster to move on. Any other end fails.
    /// </summary>
    public async Task<JsonObject> WaitForSucceededAsync(Card card, string step = "30s")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var shown = await Alice.RunAsync($"/workflow show {card.WorkflowId}");
            var header = (string?)shown["message"]!["header"] ?? string.Empty;
            if (header.StartsWith("Succeeded:", StringComparison.Ordinal))
            {
                await AssertCardUpdatedInFeedAsync(card);
                return shown;
            }

            if (header.Split(':')[0] is "Failed" or "Verification failed" or "Reverting" or "Reverted" or "Rejected" or "Expired" or "Cancelled")
            {
                throw new Xunit.Sdk.XunitException($"workflow {card.WorkflowId} ended {header}:\n{ConsoleClient.Text(shown)}");
            }

            if (clock.Elapsed > WaitLimit)
            {
                throw new TimeoutException($"workflow {card.WorkflowId} still {header} after {WaitLimit}:\n{ConsoleClient.Text(shown)}");
            }

            if (header.StartsWith("Verifying:", StringComparison.Ordinal))
            {
                await AdvanceAsync(step);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The runner updates the card in place in the channel (Succeeded) and reports in its thread (bounded wait).</summary>
    private async Task AssertCardUpdatedInFeedAsync(Card card)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (copy, followUps) = await FeedCopyAsync(card);
            var header = (string?)copy["message"]!["header"] ?? string.Empty;
            if (header.StartsWith("Succeeded:", StringComparison.Ordinal) && (bool)copy["updated"]! && followUps.Any(m => ((string?)m["message"]!["header"])?.StartsWith("Succeeded:", StringComparison.Ordinal) == true))
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"the feed's card {card.MessageId} says \"{header}\" with {followUps.Count} follow-ups");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The card's latest copy in the feed (updated in place by the runner), and its thread's follow-ups.</summary>
    private async Task<(JsonObject Card, IReadOnlyList<JsonObject> FollowUps)> FeedCopyAsync(Card card)
    {
        var messages = new List<JsonObject>();
        long after = 0;
        while (true)
        {
            var feed = await Alice.FeedAsync(after);
            var page = feed["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
            messages.AddRange(page);
            if (page.Count == 0)
            {
                break;
            }

            after = (long)feed["latest"]!;
        }

        var copy = messages.Last(m => (string?)m["id"] == card.MessageId);
        return (copy, [.. messages.Where(m => (string?)m["threadId"] == card.MessageId)]);
    }

    /// <summary><c>/audit --workflow ID</c> as bob: (who, outcome) per entry, oldest first.</summary>
    public async Task<IReadOnlyList<(string Who, string Outcome)>> AuditAsync(Card card)
    {
        var reply = await Bob.RunAsync($"/audit --workflow {card.WorkflowId} --limit 50");
        var table = reply["message"]!["blocks"]!.AsArray().Single(block => (string?)block!["type"] == "table")!;
        return [.. table["rows"]!.AsArray().Select(row => ((string)row![1]!, (string)row[2]!)).Reverse()];
    }

    /// <summary>Asserts the audit trail of the card's workflow: alice requested, bob approved, the bot executed, verified.</summary>
    public async Task AssertAuditedAsync(Card card)
    {
        var entries = await AuditAsync(card);
        Assert.Contains(("console:alice", "Requested"), entries);
        Assert.Contains(("console:bob", "Approved"), entries);
        Assert.Contains(entries, entry => entry.Outcome == "Executed");
        Assert.Equal("Ok", entries[^1].Outcome);
        Assert.True(entries.ToList().FindIndex(e => e.Outcome == "Approved") < entries.ToList().FindIndex(e => e.Outcome == "Executed"), string.Join(", ", entries));
    }

    public static IReadOnlyList<JsonObject> Buttons(JsonObject reply) =>
        [.. reply["message"]!["blocks"]!.AsArray().Where(block => (string?)block!["type"] == "actions").SelectMany(block => block!["buttons"]!.AsArray()).Select(button => button!.AsObject())];

    /// <summary>The approval card a request answered with: its workflow, its plan (a FIELD/BEFORE/AFTER table) and Approve.</summary>
    private static Card CardOf(JsonObject reply)
    {
        var message = reply["message"]!;
        Assert.True(((string?)message["header"])?.StartsWith("Approval needed: ", StringComparison.Ordinal) == true, ConsoleClient.Text(reply));
        var match = WorkflowIdPattern().Match((string?)message["text"] ?? string.Empty);
        Assert.True(match.Success, ConsoleClient.Text(reply));
        var plan = message["blocks"]!.AsArray().Single(block => (string?)block!["type"] == "table")!;
        Assert.Equal(["FIELD", "BEFORE", "AFTER"], plan["columns"]!.AsArray().Select(column => (string?)column!["header"]));
        var changes = plan["rows"]!.AsArray().Select(row => row!.AsArray().Select(cell => (string?)cell ?? string.Empty).ToList()).ToList();
        Assert.NotEmpty(changes);
        Assert.Contains(Buttons(reply), b => (string?)b["actionId"] == "workflow.approve" && (string?)b["value"] == match.Groups[1].Value);
        var messageId = (string?)reply["messageId"] ?? throw new Xunit.Sdk.XunitException("the card was not posted in the channel: " + reply);
        return new Card(match.Groups[1].Value, messageId, changes, ConsoleClient.Text(reply));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [GeneratedRegex(@"workflow ([a-z0-9-]+)\)")]
    private static partial Regex WorkflowIdPattern();

    /// <summary>A /triage answer and its root cause finding.</summary>
    public sealed record Triage(JsonObject Reply, JsonObject Root)
    {
        /// <summary>The command texts the root cause proposes for the action of <paramref name="kind"/>.</summary>
        public IReadOnlyList<string> Commands(string kind) =>
            [.. (Root["actions"]!.AsArray().FirstOrDefault(a => (string?)a!["kind"] == kind)
                ?? throw new Xunit.Sdk.XunitException($"no {kind} action among {string.Join(", ", Root["actions"]!.AsArray().Select(a => a!["kind"]))}"))["commands"]!.AsArray()
                .Select(c => (string)c!["text"]!)];
    }

    /// <summary>An approval card in the channel: the workflow, the feed message carrying it, its plan rows (field, before, after).</summary>
    public sealed record Card(string WorkflowId, string MessageId, IReadOnlyList<IReadOnlyList<string>> Changes, string Text);
}
