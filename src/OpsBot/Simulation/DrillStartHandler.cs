using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.ClusterSim.Replays;
using OpsBot.ClusterSim.Store;

namespace OpsBot.Simulation;

/// <summary>
/// <c>/drill start SCENARIO</c>: empties the simulated cluster and loads the scenario on it, then says
/// where to look first. Its expected diagnosis is not shown: finding it is the drill.
/// </summary>
public sealed class DrillStartHandler(DrillDirector director, ReplayCatalog replays) : ICommandHandler
{
    public const string ScenarioArgument = "SCENARIO";

    public CommandDefinition Definition { get; } = new(["drill", "start"], "Start an incident scenario on the simulator (the cluster is reset first).", Permission.Act)
    {
        Aliases = ["load", "run"],
        Scope = CommandScope.Cluster,
        Arguments = [new(ScenarioArgument, ValueKind.ObjectName, "The scenario's or recorded cluster's name, as /drill list shows it.") { Required = true, ObjectKind = "scenario" }],
        Examples = ["/drill start s01-frontend-memory-leak", "/drill start s06-image-tag-not-found"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var drills = DrillReplies.RequireSimulator(director, context);
        var name = context.Command.GetString(ScenarioArgument)!;
        if (!DrillDirector.Scenarios.Any(known => known.Name == name) && replays.Contains(name))
        {
            return await StartReplayAsync(drills, context, name, cancellationToken).ConfigureAwait(false);
        }

        var scenario = DrillReplies.Find(name, replays.Names());
        var status = await drills.StartAsync(scenario.Name, cancellationToken).ConfigureAwait(false);
        var ns = scenario.Namespace;
        var firstChange = scenario.Injections.Select(injection => injection.After).DefaultIfEmpty(TimeSpan.Zero).Min();
        var advance = DurationSyntax.Format(firstChange > TimeSpan.Zero ? Round(firstChange + TimeSpan.FromMinutes(3)) : TimeSpan.FromMinutes(5));
        var next = new List<RichText>
        {
            RichText.Code($"/drill advance {advance}") + (firstChange > TimeSpan.Zero
                ? $" — nothing has gone wrong yet; the trouble starts about {DurationSyntax.Format(firstChange)} in."
                : " — let the incident unfold for a few simulated minutes."),
            RichText.Code($"/k8s pods -n {ns}") + " — which pods are unhealthy, restarting or not ready (problems come first).",
            RichText.Code($"/k8s events -n {ns}") + " — warnings, newest first.",
            RichText.Code($"/k8s hpa -n {ns}") + " and " + RichText.Code("/k8s nodes") + " — capacity: autoscalers and nodes.",
        };
        var headline = scenario.Name == DrillDirector.Baseline
            ? "The healthy e-commerce baseline is loaded: no incident."
            : $"Drill started: {scenario.Title}";
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Bold(headline)),
            new SectionBlock(RichText.Bold("What to look at next") + "\n" + RichText.Concat(next.Select((line, i) => (i == 0 ? RichText.Plain("• ") : RichText.Plain("\n• ")) + line))),
            new ActionsBlock(
            [
                RunCommandButton.For($"Advance {advance}", $"/drill advance {advance}") with { Style = ButtonStyle.Primary },
                RunCommandButton.For("Pods", $"/k8s pods -n {ns}"),
                RunCommandButton.For("Events", $"/k8s events -n {ns}"),
            ]),
            DrillReplies.Clock(context, status),
        };

        return new ChatReply(new ChatMessage(headline) { Header = $"Drill: {scenario.Name}", Blocks = blocks });
    }

    private async Task<ChatReply> StartReplayAsync(DrillDirector drills, CommandContext context, string name, CancellationToken cancellationToken)
    {
        ClusterDump dump;
        try
        {
            dump = replays.Read(name) ?? throw new CommandFailedException($"The recorded cluster \"{name}\" is no longer in the replay folder: nothing was changed.");
        }
        catch (FormatException problem)
        {
            throw new CommandFailedException($"The recorded cluster \"{name}\" cannot be read, so nothing was changed: {problem.Message}");
        }

        var status = await drills.StartReplayAsync(name, dump, cancellationToken).ConfigureAwait(false);
        var loaded = drills.Replay!;
        var namespaces = dump.Objects
            .Where(obj => ObjectMeta.GetString(obj, "kind") == "Pod")
            .Select(ObjectMeta.Namespace)
            .Where(ns => ns.Length > 0 && !ns.StartsWith("kube-", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(5)
            .ToList();
        var next = new List<RichText> { RichText.Code("/k8s pods -A") + " — every pod as recorded, the unhealthy ones first." };
        next.AddRange(namespaces.Select(ns => RichText.Code($"/triage ns/{ns}") + " — the diagnosis of that namespace at the recorded time."));
        var headline = $"Replay loaded: {name}";
        var summary = $"{loaded.ObjectCount} objects, {loaded.LogCount} logs as recorded; the controllers are paused, so the cluster stays as it was recorded " +
            "(/drill advance only moves the clock). /drill stop goes back to the healthy baseline.";
        if (loaded.SkippedKinds.Count > 0)
        {
            summary += " Not served here, so left out: " + string.Join(", ", loaded.SkippedKinds.Select(kind => $"{kind.Value} {kind.Key}")) + ".";
        }

        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Bold(headline) + "\n" + summary),
            new SectionBlock(RichText.Bold("What to look at next") + "\n" + RichText.Concat(next.Select((line, i) => (i == 0 ? RichText.Plain("• ") : RichText.Plain("\n• ")) + line))),
            new ActionsBlock([.. namespaces.Take(3).Select(ns => RunCommandButton.For($"Triage {ns}", $"/triage ns/{ns}")), RunCommandButton.For("Pods", "/k8s pods -A")]),
            DrillReplies.Clock(context, status),
        };
        return new ChatReply(new ChatMessage(headline) { Header = $"Drill: {name}", Blocks = blocks });
    }

    private static TimeSpan Round(TimeSpan duration) => TimeSpan.FromMinutes(Math.Ceiling(duration.TotalMinutes));
}
