using Microsoft.Extensions.Options;
using OpsBot.Chat.Delivery;
using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>The daily digest as the recurring job <c>digest</c>: gathered once, posted to every subscribed channel once.</summary>
public sealed class DigestJob(DigestCollector collector, ICheckStore store, IChatNotifier notifier, IOptions<ChecksOptions> options) : IScheduledJob
{
    public const string JobName = "digest";

    public string Name => JobName;

    public JobSchedule? Schedule => options.Value.Digest.Enabled ? ChecksSchedules.Of(options.Value.Digest.Cron, options.Value) : null;

    public async Task RunAsync(JobOccurrence occurrence, CancellationToken cancellationToken = default)
    {
        var subscriptions = await store.DigestSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var message = DigestMessages.Render(await collector.CollectAsync(cancellationToken).ConfigureAwait(false));
        foreach (var subscription in subscriptions)
        {
            await notifier.PostAsync(new ConversationAddress(subscription.Platform, subscription.ChannelId), message, cancellationToken).ConfigureAwait(false);
        }
    }
}
