using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Simulation;

/// <summary>
/// <c>/drill advance DURATION</c>: steps the simulator's virtual clock (every controller runs through it),
/// at most <see cref="DrillDirector.MaxAdvance"/>. A step too long for one command's time limit stops
/// early and says how much is left.
/// </summary>
public sealed class DrillAdvanceHandler(DrillDirector director) : ICommandHandler
{
    public const string DurationArgument = "DURATION";

    public CommandDefinition Definition { get; } = new(["drill", "advance"], "Move the simulated clock forward (e.g. 10m, 1h); the cluster lives through it.", Permission.Act)
    {
        Aliases = ["step", "wait"],
        Scope = CommandScope.Cluster,
        Arguments = [new(DurationArgument, ValueKind.Duration, $"How far: 30s, 10m, 1h30m (at most {DurationSyntax.Format(DrillDirector.MaxAdvance)}).") { Required = true }],
        Examples = ["/drill advance 10m", "/drill advance 1h"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var drills = DrillReplies.RequireSimulator(director, context);
        var duration = context.Command.GetDuration(DurationArgument)!.Value;
        if (duration > DrillDirector.MaxAdvance)
        {
            throw new CommandFailedException($"/drill advance moves the clock at most {DurationSyntax.Format(DrillDirector.MaxAdvance)} at a time, not {DurationSyntax.Format(duration)}; nothing was changed.");
        }

        var before = drills.Status()!.Injected.Count;
        var result = await drills.AdvanceAsync(duration, DrillReplies.AdvanceBudget(context), cancellationToken).ConfigureAwait(false);
        var changes = result.Status.Injected.Count - before;
        var headline = result.Complete
            ? $"Advanced the simulated clock by {DurationSyntax.Format(result.Advanced)}."
            : $"Advanced the simulated clock by {DurationSyntax.Format(result.Advanced)} of {DurationSyntax.Format(duration)}: the rest would take longer than a command may run.";
        var blocks = new List<MessageBlock> { new SectionBlock(RichText.Bold(headline)) };
        var remaining = duration - result.Advanced;
        var details = new List<string>();
        if (changes > 0)
        {
            details.Add(changes == 1 ? "1 scripted change of the scenario happened during this step." : $"{changes} scripted changes of the scenario happened during this step.");
        }

        if (result.Status.PendingInjections > 0)
        {
            details.Add(result.Status.PendingInjections == 1 ? "1 more is still to come." : $"{result.Status.PendingInjections} more are still to come.");
        }

        if (details.Count > 0)
        {
            blocks.Add(new SectionBlock(string.Join(' ', details)));
        }

        var buttons = new List<ChatButton> { RunCommandButton.For("Pods with problems", "/k8s pods -A --problems") };
        if (remaining > TimeSpan.Zero)
        {
            buttons.Insert(0, RunCommandButton.For($"Advance the other {DurationSyntax.Format(remaining)}", $"/drill advance {DurationSyntax.Format(remaining)}") with { Style = ButtonStyle.Primary });
        }

        blocks.Add(new ActionsBlock(buttons));
        blocks.Add(DrillReplies.Clock(context, result.Status));
        return new ChatReply(new ChatMessage(headline) { Header = "Drill clock", Blocks = blocks });
    }
}
