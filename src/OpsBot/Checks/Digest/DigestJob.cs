using Microsoft.Extensions.Options;
using OpsBot.Chat.Delivery;
using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>
/// The daily digest as the recurring job <c>digest</c>: gathered once, posted to every subscribed channel once. Each run is
/// recorded and counted as a check run (<see cref="CheckRunner"/>): <c>/checks list</c> shows it, <c>/metrics</c> counts it,
/// and a failed one is "could not check" in the next digest.
/// </summary>
public sealed class DigestJob(DigestCollector collector, ICheckStore store, IChatNotifier notifier, CheckRunner runner, IOptions<ChecksOptions> options) : IScheduledJob
{
    public const string JobName = "digest";

    public string Name => JobName;

    public JobSchedule? Schedule => options.Value.Digest.Enabled ? ChecksSchedules.Of(options.Value.Digest.Cron, options.Value) : null;

    public Task RunAsync(JobOccurrence occurrence, CancellationToken cancellationToken = default) =>
        runner.RunScheduledAsync(JobName, occurrence, PostAsync, cancellationToken);

    private async Task<CheckResult> PostAsync(CancellationToken cancellationToken)
    {
        var subscriptions = await store.DigestSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        if (subscriptions.Count == 0)
        {
            return new CheckResult(CheckOutcome.Ok, "no channel is subscribed (/digest subscribe): nothing posted");
        }

        var report = await collector.CollectAsync(cancellationToken).ConfigureAwait(false);
        var message = DigestMessages.Render(report);
        var failed = new List<string>();
        foreach (var subscription in subscriptions)
        {
            try
            {
                await notifier.PostAsync(new ConversationAddress(subscription.Platform, subscription.ChannelId), message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One channel that cannot be reached does not keep the digest from the others.
                failed.Add($"{subscription.Key} ({Chat.LogText.Sanitize(error.Message)})");
            }
        }

        var posted = subscriptions.Count - failed.Count;
        var summary = $"posted to {posted} of {subscriptions.Count} channels ({(report.Sections.Count == 0 ? "all clear" : $"{report.Sections.Count} sections")})";
        return failed.Count == 0
            ? new CheckResult(CheckOutcome.Ok, summary, posted)
            : new CheckResult(CheckOutcome.Failed, $"could not post to {string.Join(", ", failed)}; {summary}", posted);
    }
}
