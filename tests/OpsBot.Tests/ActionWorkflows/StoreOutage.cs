using Npgsql;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>A database that stops answering for the next N workflow-store calls (each throws as Npgsql does when the server is down).</summary>
internal sealed class StoreOutage
{
    private int _failuresLeft;
    private int _failed;

    /// <summary>How many calls failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>The next <paramref name="calls"/> calls fail.</summary>
    public void FailNext(int calls) => Volatile.Write(ref _failuresLeft, calls);

    /// <summary>Throws when the outage still lasts.</summary>
    public void ThrowIfDown()
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _failed);
            throw new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));
        }

        Interlocked.Increment(ref _failuresLeft); // not down: undo, so the counter does not run ever lower
    }
}
