using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Simulation;

/// <summary><c>/drill stop</c>: ends the drill by resetting the simulated cluster to the healthy e-commerce baseline.</summary>
public sealed class DrillStopHandler(DrillDirector director) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["drill", "stop"], "End the drill: the simulated cluster goes back to the healthy e-commerce baseline.", Permission.Act)
    {
        Aliases = ["reset", "end"],
        Scope = CommandScope.Cluster,
        Examples = ["/drill stop"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var drills = DrillReplies.RequireSimulator(director, context);
        var previous = drills.Status()?.Scenario;
        var status = await drills.StopAsync(cancellationToken).ConfigureAwait(false);
        var headline = previous is null || previous == DrillDirector.Baseline
            ? "The simulated cluster was reset to the healthy e-commerce baseline."
            : $"Drill {previous} stopped: the simulated cluster is back on the healthy e-commerce baseline.";
        return new ChatReply(new ChatMessage(headline)
        {
            Header = "Drill stopped",
            Blocks =
            [
                new SectionBlock(RichText.Bold(headline)),
                new ActionsBlock([RunCommandButton.For("List drills", "/drill list")]),
                DrillReplies.Clock(context, status),
            ],
        });
    }
}
