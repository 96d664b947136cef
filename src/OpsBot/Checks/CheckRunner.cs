using OpsBot.Chat;
using OpsBot.Telemetry;

namespace OpsBot.Checks;

/// <summary>
/// Runs a check and records the run (start, end, outcome, summary) in the store, whoever started it: the schedule or
/// <c>/checks run</c>, and counts it (<c>opsbot_check_runs_total</c> by check and outcome, <c>opsbot_check_duration_seconds</c>).
/// A check that throws is recorded as failed ("could not check") and posts nothing.
/// </summary>
public sealed partial class CheckRunner(ICheckStore store, OpsBotTelemetry telemetry, TimeProvider time, ILogger<CheckRunner> logger)
{
    /// <summary>What a scheduled run records as its trigger.</summary>
    public const string ScheduleTrigger = "schedule";

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
        ArgumentNullException.ThrowIfNull(run);
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        CheckResult result;
        try
        {
            result = await run(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, error, name);
            result = new CheckResult(CheckOutcome.Failed, $"could not check: {LogText.Sanitize(error.Message)}");
        }

        var finished = time.GetUtcNow();
        telemetry.CheckRun(name, result.Outcome.ToString().ToLowerInvariant(), time.GetElapsedTime(clock));
        await store.RecordRunAsync(
            new CheckRunRecord(name, started, finished, trigger, result.Outcome, result.Summary, result.Posted, result.Muted),
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check {Check} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string check);
}
