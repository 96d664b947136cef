namespace OpsBot.Commands;

/// <summary>
/// Waits out a state store that does not answer (<see cref="StoreAvailability.IsUnavailable"/>: restarting, failing
/// over, connections cut) for a step that must be recorded because what it records already happened outside — a message
/// posted to chat. Giving up at the first failure would leave the store saying "not sent" about something sent, and a
/// later attempt would send it again. Other failures are not retried.
/// </summary>
public static class StoreOutage
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="step"/>, again after a growing pause (250 ms doubling to 5 s) while the store does not answer,
    /// for at most <paramref name="patience"/>; then the last failure is thrown.
    /// </summary>
    public static async Task<T> WaitOutAsync<T>(Func<CancellationToken, Task<T>> step, TimeProvider time, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (StoreAvailability.IsUnavailable(error) && time.GetElapsedTime(started) + pause <= patience)
            {
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    /// <summary>As <see cref="WaitOutAsync{T}(Func{CancellationToken, Task{T}}, TimeProvider, TimeSpan, CancellationToken)"/> for a step without a result.</summary>
    public static Task WaitOutAsync(Func<CancellationToken, Task> step, TimeProvider time, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        return WaitOutAsync(async token =>
        {
            await step(token).ConfigureAwait(false);
            return true;
        }, time, patience, cancellationToken);
    }
}
