using System.Globalization;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Simulation;

/// <summary>Pieces the <c>/drill</c> replies share: the simulator check, the clock line, scenario lookup.</summary>
public static class DrillReplies
{
    /// <summary>The director when <paramref name="context"/>'s cluster is the embedded simulator; a plain refusal otherwise.</summary>
    public static DrillDirector RequireSimulator(DrillDirector director, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(director);
        ArgumentNullException.ThrowIfNull(context);
        if (!director.Serves(context.Client))
        {
            throw new CommandFailedException(
                $"Drills need OpsBot's embedded simulator, and cluster {context.ClusterName} is a real cluster: nothing was changed. " +
                "To practise, run OpsBot with no Kubernetes context configured (dotnet run --project src/OpsBot).");
        }

        return director;
    }

    /// <summary>The scenario called <paramref name="name"/>; an error listing the known scenarios (and <paramref name="replays"/>) otherwise.</summary>
    public static ScenarioDefinition Find(string name, IReadOnlyList<string>? replays = null) =>
        DrillDirector.Scenarios.FirstOrDefault(scenario => scenario.Name == name)
        ?? throw new CommandFailedException(
            $"There is no scenario \"{name}\". Known scenarios: {string.Join(", ", DrillDirector.Scenarios.Select(scenario => scenario.Name))}." +
            (replays is { Count: > 0 } ? $" Recorded clusters: {string.Join(", ", replays)}." : string.Empty));

    /// <summary>The small print: cluster, scenario, simulated time and how far into the drill.</summary>
    public static ContextBlock Clock(CommandContext context, DrillStatus status)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        return new ContextBlock(
        [
            RichText.Plain("cluster ") + RichText.Code(context.ClusterName),
            RichText.Plain("scenario ") + RichText.Code(status.Scenario ?? "unknown"),
            "simulated time " + status.Now.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) + (status.Elapsed == TimeSpan.Zero ? " (just started)" : $" ({DurationSyntax.Format(status.Elapsed)} in)"),
            status.Speed == 0 ? "clock frozen: it moves with /drill advance" : $"clock at {status.Speed.ToString("0.##", CultureInfo.InvariantCulture)}× real time",
        ]);
    }

    /// <summary>The pipeline's time limit, less a margin for the reply: how long an advance may step the clock.</summary>
    public static TimeSpan AdvanceBudget(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Options.Timeout * 0.75;
    }
}
