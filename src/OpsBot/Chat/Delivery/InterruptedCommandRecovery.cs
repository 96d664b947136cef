using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpsBot.Chat.Delivery;

/// <summary>
/// After a crash, tells every requester whose command was acked and never answered: at start, and then every
/// <see cref="SweepInterval"/> (on PostgreSQL another replica may die while this one runs). The commands are never run
/// again: a write must not run twice on its own, and the requester decides whether a read is still worth running.
/// </summary>
public sealed partial class InterruptedCommandRecovery(
    IUnansweredCommandJournal journal,
    IEnumerable<IInterruptedCommandNotifier> notifiers,
    TimeProvider time,
    ILogger<InterruptedCommandRecovery> logger) : BackgroundService
{
    /// <summary>How often the journal is swept for commands other replicas left behind.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<ChatPlatform, IInterruptedCommandNotifier> _notifiers = notifiers.ToDictionary(notifier => notifier.Platform);

    /// <summary>Takes what dead processes left and tells each requester once; how many were told.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var interrupted = await journal.TakeInterruptedAsync(cancellationToken).ConfigureAwait(false);
        if (interrupted.Count == 0)
        {
            return 0;
        }

        LogFound(interrupted.Count);
        var told = 0;
        // Together, but not all at once: a platform's rate limits apply per channel, and each notice is one small POST.
        await Parallel.ForEachAsync(interrupted, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (command, token) =>
        {
            if (await TellAsync(command, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref told);
            }
        }).ConfigureAwait(false);
        return told;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may be restarting; the next sweep finds the same rows (nothing was taken).
                LogSweepFailed(error);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> TellAsync(UnansweredCommand command, CancellationToken cancellationToken)
    {
        var user = LogText.Sanitize(command.UserId);
        if (!_notifiers.TryGetValue(command.Platform, out var notifier))
        {
            LogNoNotifier(command.Platform, user);
            return false;
        }

        try
        {
            if (await notifier.NotifyAsync(command, cancellationToken).ConfigureAwait(false))
            {
                LogTold(command.Platform, user, command.ReceivedAt);
                return true;
            }

            LogTooLate(command.Platform, user, command.ReceivedAt);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoticeFailed(error, command.Platform, user);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} commands were acked by a process that stopped before answering them; telling their requesters")]
    private partial void LogFound(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Told {Platform} user {User} that their command of {ReceivedAt:o} was interrupted by a restart")]
    private partial void LogTold(ChatPlatform platform, string user, DateTimeOffset receivedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Platform} user {User} that their command of {ReceivedAt:o} was interrupted: the platform no longer accepts a reply to it")]
    private partial void LogTooLate(ChatPlatform platform, string user, DateTimeOffset receivedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell {Platform} user {User} that their command was interrupted by a restart")]
    private partial void LogNoticeFailed(Exception error, ChatPlatform platform, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A command interrupted by a restart came from {Platform} (user {User}), which is not enabled any more; its requester cannot be told")]
    private partial void LogNoNotifier(ChatPlatform platform, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping the commands interrupted by a restart failed; trying again in a minute")]
    private partial void LogSweepFailed(Exception error);
}
