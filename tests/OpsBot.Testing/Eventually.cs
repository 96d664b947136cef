namespace OpsBot.Testing;

/// <summary>Waits, on real time and boundedly, for what the system under test does in the background.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="satisfied"/> holds for its value, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> satisfied, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(satisfied);
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (satisfied(value))
            {
                return value;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException("Never happened: " + what);
            }

            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
