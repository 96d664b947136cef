using System.Text.Json.Nodes;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Simulation;

/// <summary><c>/drill list</c>: the scenarios the simulator can run, each with its one-line description, and the one running.</summary>
public sealed class DrillListHandler(DrillDirector director) : ICommandHandler
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
        var text = $"{scenarios.Count} scenarios; running: {status.Scenario ?? "unknown"}";
        var message = new ChatMessage(text)
        {
            Header = "Drills",
            Blocks =
            [
                new SectionBlock(running),
                new TableBlock(["SCENARIO", "WHAT HAPPENS"], rows),
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
        };
        return Task.FromResult(new ChatReply(message) { Report = report });
    }
}
