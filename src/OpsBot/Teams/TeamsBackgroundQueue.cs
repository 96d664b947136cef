using System.Threading.Channels;

namespace OpsBot.Teams;

/// <summary>
/// Work that must not hold up the HTTP answer to Teams (a command's run and its reply): queued here
/// and run by <see cref="TeamsBackgroundService"/>. A full queue refuses work instead of growing.
/// </summary>
public sealed class TeamsBackgroundQueue
{
    public const int Capacity = 1000;

    private readonly Channel<Func<CancellationToken, Task>> _work =
        Channel.CreateBounded<Func<CancellationToken, Task>>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the queue is full (the caller answers 503 so that Teams retries).</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> work) => _work.Writer.TryWrite(work);

    internal ChannelReader<Func<CancellationToken, Task>> Reader => _work.Reader;
}
