using OpsBot.Chat;
using OpsBot.Commands;
using OpsBot.Scheduling;
using OpsBot.Telemetry;

namespace OpsBot.Checks;

/// <summary>
/// Runs a check and records the run (start, end, outcome, summary) in the store, whoever started it: the schedule or
/// <c>/checks run</c>, and counts it (<c>opsbot_check_runs_total</c> by check and outcome, <c>opsbot_check_duration_seconds</c>).
/// A check that throws is recorded as failed ("could not check") and posts nothing. A scheduled run that failed because
/// the state store did not answer is run again soon (<see cref="RunAgainSoonException"/>) rather than at the next
/// occurrence; running it again never alerts twice, because every alert's state is written before it is posted.
/// </summary>
public sealed partial class CheckRunner(ICheckStore store, OpsBotTelemetry telemetry, TimeProvider time, ILogger<CheckRunner> logger)
{
    /// <summary>What a scheduled run records as its trigger.</summary>
    public const string ScheduleTrigger = "schedule";

    // How long the record of a run that did its work waits for the store to answer again (its alerts are out already).
    private static readonly TimeSpan RecordPatience = TimeSpan.FromSeconds(60);

    public Task<CheckResult> RunAsync(ICheck check, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        return RunAsync(check.Name, trigger, check.RunAsync, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="run"/> as the check-like job <paramref name="name"/> (the daily digest): recorded and counted
    /// as a check run, so that <c>/checks list</c>, the next digest and <c>/metrics</c> see it.
    /// </summary>
    public async Task<CheckResult> RunAsync(string name, string trigger, Func<CancellationToken, Task<CheckResult>> run, CancellationToken cancellationToken = default)
    {
        var (result, _) = await RunAndRecordAsync(name, trigger, run, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="run"/> for a scheduled <paramref name="occurrence"/> of <paramref name="name"/>. When the run failed
    /// because the state store did not answer, throws <see cref="RunAgainSoonException"/> (after recording the failure if the
    /// store allows): the scheduler runs the occurrence again soon. A retry that finds a later run already recorded (the next
    /// occurrence, or <c>/checks run</c>, did the work once the store was back) does nothing.
    /// </summary>
    public async Task<CheckResult> RunScheduledAsync(string name, JobOccurrence occurrence, Func<CancellationToken, Task<CheckResult>> run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        if (occurrence.Retry > 0 && occurrence.ScheduledAt is { } due && await LaterRunAsync(name, due, cancellationToken).ConfigureAwait(false) is { } later)
        {
            LogRetryNotNeeded(logger, name, occurrence.Retry);
            return new CheckResult(later.Outcome, $"not run again: the run of {later.StartedAt.UtcDateTime:HH:mm:ss} UTC did it");
        }

        var (result, storeDown) = await RunAndRecordAsync(name, ScheduleTrigger, run, cancellationToken).ConfigureAwait(false);
        if (storeDown is not null)
        {
            LogRunAgainSoon(logger, name, occurrence.Retry);
            throw new RunAgainSoonException($"{name}: the database did not answer during the run; it is run again soon (try {occurrence.Retry + 1})", storeDown);
        }

        return result;
    }

    // The run and its record; the store's error when the run failed because the store did not answer.
    private async Task<(CheckResult Result, Exception? StoreDown)> RunAndRecordAsync(string name, string trigger, Func<CancellationToken, Task<CheckResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        CheckResult result;
        Exception? storeDown = null;
        try
        {
            result = await run(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, error, name);
            storeDown = StoreAvailability.IsUnavailable(error) ? error : null;
            result = new CheckResult(CheckOutcome.Failed, storeDown is null
                ? $"could not check: {LogText.Sanitize(error.Message)}"
                : $"could not check: the database did not answer ({LogText.Sanitize(error.Message)}); run again soon");
        }

        var finished = time.GetUtcNow();
        telemetry.CheckRun(name, result.Outcome.ToString().ToLowerInvariant(), time.GetElapsedTime(clock));
        var record = new CheckRunRecord(name, started, finished, trigger, result.Outcome, result.Summary, result.Posted, result.Muted);
        if (storeDown is not null)
        {
            // The run is tried again: its record is best effort (the store is likely still down).
            try
            {
                await store.RecordRunAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (StoreAvailability.IsUnavailable(error))
            {
                LogRecordLost(logger, name);
            }

            return (result, storeDown);
        }

        // The run did its work (its alerts are out): its record waits for a restarting store instead of failing the run.
        await StoreOutage.WaitOutAsync(token => store.RecordRunAsync(record, token), time, RecordPatience, cancellationToken).ConfigureAwait(false);
        return (result, null);
    }

    private async Task<CheckRunRecord?> LaterRunAsync(string name, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var runs = await store.LastRunsAsync(cancellationToken).ConfigureAwait(false);
        return runs.TryGetValue(name, out var last) && last.Outcome != CheckOutcome.Failed && last.StartedAt >= due ? last : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check {Check} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check {Check}: the database did not answer; this occurrence runs again soon (retry {Retry} so far)")]
    private static partial void LogRunAgainSoon(ILogger logger, string check, int retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check {Check}: retry {Retry} not needed, a later run already did the work")]
    private static partial void LogRetryNotNeeded(ILogger logger, string check, int retry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Check {Check}: the failed run could not be recorded either (the database is down); it is run again")]
    private static partial void LogRecordLost(ILogger logger, string check);
}
