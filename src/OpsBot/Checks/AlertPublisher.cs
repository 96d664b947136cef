using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary>
/// Says a check's finding once. The new state is written first, optimistically over the previous one: of two runs
/// (two replicas, or a schedule and a <c>/checks run</c>) only the one whose write wins posts. A target under a mute
/// is recorded (so it is not posted later either) but not posted. Posts go to every alert channel of the namespace
/// (<see cref="AlertRouter"/>), each once, and are linked to the alert's subject so that follow-ups land in their threads.
/// </summary>
public sealed class AlertPublisher(ICheckStore store, AlertRouter router, IChatNotifier notifier, TimeProvider time)
{
    private static readonly TimeSpan LinkPatience = TimeSpan.FromSeconds(60);

    /// <summary>Records <paramref name="level"/> for the target and posts <paramref name="message"/> as a new alert.</summary>
    public async Task<AlertDelivery> AlertAsync(AlertTarget target, CheckAlertState? previous, string level, DateTimeOffset? value, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var subject = $"{target.Check}:{target.Key}#{level}";
        var muted = await IsMutedAsync(target, cancellationToken).ConfigureAwait(false);
        var state = new CheckAlertState(target.Check, target.Key, level, value, muted ? previous?.Subject : subject, muted, time.GetUtcNow(), 0);
        if (!await store.TryWriteAlertAsync(state, previous?.Version ?? 0, cancellationToken).ConfigureAwait(false))
        {
            return AlertDelivery.AlreadySaid;
        }

        if (muted)
        {
            return AlertDelivery.Muted;
        }

        foreach (var address in router.For(target.Cluster, target.Namespace))
        {
            if (await notifier.PostAsync(address, message with { ThreadKey = null }, cancellationToken).ConfigureAwait(false) is { } posted)
            {
                // The alert is out: its link (what its in-place updates and thread follow-ups find it by) is written once
                // the store answers again, not dropped at the first error of a restarting database.
                await StoreOutage.WaitOutAsync(token => notifier.LinkAsync(subject, posted, token), time, LinkPatience, cancellationToken).ConfigureAwait(false);
            }
        }

        return AlertDelivery.Posted;
    }

    /// <summary>Records that the target is fine again and posts <paramref name="message"/> in the thread of its last alert.</summary>
    public async Task<AlertDelivery> ResolveAsync(AlertTarget target, CheckAlertState previous, DateTimeOffset? value, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(message);
        var muted = await IsMutedAsync(target, cancellationToken).ConfigureAwait(false);
        var state = new CheckAlertState(target.Check, target.Key, string.Empty, value, previous.Subject, muted, time.GetUtcNow(), 0);
        if (!await store.TryWriteAlertAsync(state, previous.Version, cancellationToken).ConfigureAwait(false))
        {
            return AlertDelivery.AlreadySaid;
        }

        if (muted || previous.Subject is null || previous.Muted)
        {
            return muted ? AlertDelivery.Muted : AlertDelivery.Posted;
        }

        await notifier.FollowUpAsync(previous.Subject, message, cancellationToken).ConfigureAwait(false);
        return AlertDelivery.Posted;
    }

    /// <summary>
    /// Rewrites the posted alert of a continuing episode in place (every linked copy), so that it says where things
    /// stand now instead of posting again. Nothing happens for an episode recorded under a mute (nothing was posted).
    /// </summary>
    public async Task<bool> UpdateAsync(CheckAlertState current, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(message);
        if (current.Subject is null || current.Muted)
        {
            return false;
        }

        await notifier.UpdateAsync(current.Subject, message, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Remembers a value without saying anything (a certificate seen for the first time, healthy).</summary>
    public Task<bool> RememberAsync(AlertTarget target, CheckAlertState? previous, DateTimeOffset? value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var state = new CheckAlertState(target.Check, target.Key, previous?.Level ?? string.Empty, value, previous?.Subject, previous?.Muted ?? false, time.GetUtcNow(), 0);
        return store.TryWriteAlertAsync(state, previous?.Version ?? 0, cancellationToken);
    }

    private async Task<bool> IsMutedAsync(AlertTarget target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mutes = await store.ActiveMutesAsync(now, cancellationToken).ConfigureAwait(false);
        return mutes.Any(mute => mute.Covers(target.Check, target.Key, now));
    }
}
