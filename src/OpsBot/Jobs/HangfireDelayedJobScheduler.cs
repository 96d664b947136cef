using System.Globalization;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using OpsBot.Scheduling;

namespace OpsBot.Jobs;

/// <summary>
/// <see cref="IDelayedJobScheduler"/> on Hangfire: a planned run is a Hangfire scheduled job of
/// <see cref="DelayedJobDispatcher"/>, and the storage keeps, per (job, key), a hash with that job's id and the planned
/// time (<c>opsbot:delayed:{job}:{key}</c>). Plan and cancel hold a storage lock on the key, so two replicas re-planning
/// one key at once leave one run.
/// </summary>
/// <remarks>
/// <para><b>Two clocks.</b> Callers give times of the injected <see cref="TimeProvider"/> (the cluster's clock, a fake one in
/// tests); Hangfire schedules on the machine's clock. The adapter hands Hangfire the <i>delay</i> (planned time − the
/// provider's now), so with the system clock a run comes at the planned time, and under a fake clock it comes after that
/// delay of real time. Either way the job decides what is due from its own state at the provider's time
/// (<see cref="IDelayedJob.RunAsync"/>): a run that comes early does nothing and plans again, and a test moves the fake
/// clock and then makes Hangfire run the planned job now (as the dashboard's "Enqueue now" does).</para>
/// <para>A run already going is never deleted (Hangfire would cancel its token mid-send): re-planning from inside a run
/// schedules the next one beside it.</para>
/// </remarks>
public sealed class HangfireDelayedJobScheduler(JobStorage storage, IBackgroundJobClient client, TimeProvider time) : IDelayedJobScheduler
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public Task PlanAsync(string job, string key, DateTimeOffset runAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();

        // Hangfire's storage API is synchronous.
        using var connection = storage.GetConnection();
        using var held = connection.AcquireDistributedLock(LockOf(job, key), LockTimeout);
        var at = runAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var planned = connection.GetAllEntriesFromHash(HashOf(job, key));
        var waiting = planned is not null && planned.TryGetValue("job", out var existing) && IsWaiting(connection, existing) ? existing : null;
        if (waiting is not null && planned!.TryGetValue("at", out var plannedAt) && plannedAt == at)
        {
            return Task.CompletedTask;
        }

        if (waiting is not null)
        {
            client.Delete(waiting);
        }

        var delay = runAt - time.GetUtcNow();
        var id = client.Schedule<DelayedJobDispatcher>(
            dispatcher => dispatcher.RunAsync(job, key, CancellationToken.None),
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        using var write = connection.CreateWriteTransaction();
        write.SetRangeInHash(HashOf(job, key), [new("job", id), new("at", at)]);
        write.Commit();
        return Task.CompletedTask;
    }

    public Task CancelAsync(string job, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = storage.GetConnection();
        using var held = connection.AcquireDistributedLock(LockOf(job, key), LockTimeout);
        var planned = connection.GetAllEntriesFromHash(HashOf(job, key));
        if (planned is null)
        {
            return Task.CompletedTask;
        }

        if (planned.TryGetValue("job", out var existing) && IsWaiting(connection, existing))
        {
            client.Delete(existing);
        }

        using var write = connection.CreateWriteTransaction();
        write.RemoveHash(HashOf(job, key));
        write.Commit();
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> PlannedAtAsync(string job, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = storage.GetConnection();
        var planned = connection.GetAllEntriesFromHash(HashOf(job, key));
        DateTimeOffset? at = planned is not null
            && planned.TryGetValue("job", out var existing) && IsWaiting(connection, existing)
            && planned.TryGetValue("at", out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
        return Task.FromResult(at);
    }

    /// <summary>The Hangfire job id of the run planned for (<paramref name="job"/>, <paramref name="key"/>), waiting or not.</summary>
    public string? PlannedJobId(string job, string key)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(HashOf(job, key)) is { } planned && planned.TryGetValue("job", out var id) ? id : null;
    }

    private static bool IsWaiting(IStorageConnection connection, string jobId) =>
        connection.GetStateData(jobId)?.Name is { } state && (state == ScheduledState.StateName || state == EnqueuedState.StateName);

    private static string HashOf(string job, string key) => $"opsbot:delayed:{job}:{key}";

    private static string LockOf(string job, string key) => $"opsbot:delayed-lock:{job}:{key}";
}
