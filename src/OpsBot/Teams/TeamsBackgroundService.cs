namespace OpsBot.Teams;

/// <summary>Runs queued Teams work, <see cref="Workers"/> items at a time; work items log their own failures.</summary>
public sealed partial class TeamsBackgroundService(TeamsBackgroundQueue queue, ILogger<TeamsBackgroundService> logger) : BackgroundService
{
    public const int Workers = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await work(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued Teams reply failed")]
    private partial void LogFailed(Exception error);
}
