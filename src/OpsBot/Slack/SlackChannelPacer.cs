using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OpsBot.Slack;

/// <summary>
/// A send queue per channel: posts to one channel go one at a time, at least
/// <see cref="SlackOptions.ChannelPostInterval"/> apart (Slack allows about one message per second per
/// channel); channels do not wait for each other. Waiters are served in arrival order.
/// https://docs.slack.dev/apis/web-api/rate-limits
/// </summary>
public sealed class SlackChannelPacer(TimeProvider time, IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly TimeSpan _interval = options.Value.ChannelPostInterval;

    /// <summary>Runs <paramref name="send"/> when the channel's turn comes; the next send waits the interval after this one ends.</summary>
    public async Task<T> RunAsync<T>(string channel, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        var lane = _lanes.GetOrAdd(channel, _ => new Lane());
        await lane.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (lane.LastSent is { } last && _interval - time.GetElapsedTime(last) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await send(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lane.LastSent = time.GetTimestamp();
            }
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    private sealed class Lane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long? LastSent { get; set; }
    }
}
