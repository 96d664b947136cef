using System.Text.Json.Nodes;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Simulation;

/// <summary><c>/drill list</c>: the scenarios the simulator can run, each with its one-line description, the recorded clusters it can replay, and the one running.</summary>
public sealed class DrillListHandler(DrillDirector director, ReplayCatalog replays) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["drill", "list"], "List the incident scenarios you can practise on the simulator.", Permission.Read)
    {
        Aliases = ["ls", "scenarios"],
        Scope = CommandScope.Cluster,
        Examples = ["/drill list"],
    };

    public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        var status = DrillReplies.RequireSimulator(director, context).Status()!;
        var scenarios = DrillDirector.Scenarios;
        var rows = scenarios
            .Select(scenario => (IReadOnlyList<string>)[scenario.Name == status.Scenario ? scenario.Name + " (running)" : scenario.Name, scenario.Title])
            .ToList();
        var running = status.Scenario is null
            ? RichText.Plain("No scenario is known to be running.")
            : RichText.Plain("Running now: ") + RichText.Code(status.Scenario) + (status.Title is { Length: > 0 } title ? " — " + title : string.Empty);
        var recorded = replays.Names();
        var text = $"{scenarios.Count} scenarios, {recorded.Count} recorded clusters; running: {status.Scenario ?? "unknown"}";
        var replayBlock = recorded.Count == 0
            ? new SectionBlock(replays.Directory is null
                ? RichText.Plain("No recorded clusters: set ") + RichText.Code("Simulator:ReplayDirectory") + " to a folder of dumps made with " + RichText.Code("tools/dump-cluster.sh") + " to replay real incidents here."
                : RichText.Plain("No recorded clusters in ") + RichText.Code(replays.Directory) + " yet (one folder per dump from " + RichText.Code("tools/dump-cluster.sh") + ").")
            : (MessageBlock)new TableBlock(["RECORDED CLUSTER", "WHAT HAPPENS"], [.. recorded.Select(name => (IReadOnlyList<string>)[name == status.Scenario ? name + " (running)" : name, "served as recorded, controllers paused"])]);
        var message = new ChatMessage(text)
        {
            Header = "Drills",
            Blocks =
            [
                new SectionBlock(running),
                new TableBlock(["SCENARIO", "WHAT HAPPENS"], rows),
                replayBlock,
                new SectionBlock(RichText.Plain("Start one with ") + RichText.Code("/drill start NAME") + ", move its clock with " + RichText.Code("/drill advance 10m")
                    + ", and go back to the healthy baseline with " + RichText.Code("/drill stop") + "."),
                DrillReplies.Clock(context, status),
            ],
        };
        var report = new JsonObject
        {
            ["kind"] = "drills",
            ["running"] = status.Scenario,
            ["scenarios"] = new JsonArray([.. scenarios.Select(scenario => (JsonNode)new JsonObject { ["name"] = scenario.Name, ["title"] = scenario.Title })]),
            ["replays"] = new JsonArray([.. recorded.Select(name => (JsonNode)name)]),
        };
        return Task.FromResult(new ChatReply(message) { Report = report });
    }
}
