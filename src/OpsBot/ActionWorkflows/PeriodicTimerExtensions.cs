namespace OpsBot.ActionWorkflows;

public static class PeriodicTimerExtensions
{
    /// <summary>Waits for the next tick: <see langword="false"/> once the host is stopping (instead of throwing), so a loop just ends.</summary>
    public static async Task<bool> TickOrStopAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
