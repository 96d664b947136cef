using System.Globalization;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using Microsoft.Extensions.Options;

namespace OpsBot.Checks;

/// <summary>
/// <c>/checks list</c>: each check with its schedule and time zone, last run and result, next run — and the daily digest's
/// job, whose runs are recorded like a check's; then the mutes in force.
/// </summary>
public sealed class ChecksListHandler(CheckCatalog catalog, ICheckStore store, TimeProvider time, IOptions<ChecksOptions> options) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["checks", "list"], "The scheduled checks: schedule, last run and result, next run, mutes.", Permission.Read)
    {
        Aliases = ["ls", "status"],
        Scope = CommandScope.Cluster,
        Examples = ["/checks list"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var runs = await store.LastRunsAsync(cancellationToken).ConfigureAwait(false);
        var mutes = await store.ActiveMutesAsync(now, cancellationToken).ConfigureAwait(false);
        var digest = options.Value.Digest.Enabled ? ChecksSchedules.Of(options.Value.Digest.Cron, options.Value) : null;
        var rows = catalog.All.Select(check => (Name: check.Name, Schedule: check.Schedule))
            .Append<(string Name, Scheduling.JobSchedule? Schedule)>((DigestJob.JobName, digest))
            .Select(job =>
            {
                runs.TryGetValue(job.Name, out var last);
                return (IReadOnlyList<string>)
                [
                    job.Name,
                    job.Schedule is { } schedule ? schedule.Cron : "off",
                    job.Schedule?.TimeZone.Id ?? "-",
                    last is null ? "never" : $"{Format(last.FinishedAt)} ({last.Trigger})",
                    last is null ? "-" : $"{last.Outcome.ToString().ToLowerInvariant()}: {last.Summary}",
                    job.Schedule?.NextAfter(now) is { } next ? Format(next) : "-",
                ];
            }).ToList();
        var headline = $"{catalog.All.Count} checks and the daily digest, {mutes.Count} mutes in force";
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Plain(headline)),
            new TableBlock(["CHECK", "SCHEDULE", "TIME ZONE", "LAST RUN", "RESULT", "NEXT RUN"], rows),
        };
        if (mutes.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["MUTED", "TARGET", "UNTIL", "BY", "REASON"],
                [.. mutes.Select(mute => (IReadOnlyList<string>)[mute.Check, mute.Target ?? "(all)", Format(mute.Until), mute.By, mute.Reason])]));
        }

        return new ChatReply(new ChatMessage(headline) { Header = "Checks", Blocks = blocks });
    }

    internal static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
