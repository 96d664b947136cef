using Microsoft.Extensions.Options;
using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>Refuses a bad schedule at start, naming the key and what is wrong, in one line.</summary>
public sealed class ChecksOptionsValidator : IValidateOptions<ChecksOptions>
{
    public ValidateOptionsResult Validate(string? name, ChecksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!JobSchedule.TryFindTimeZone(options.TimeZone, out _, out var zoneError))
        {
            failures.Add($"Checks:TimeZone {zoneError}.");
        }

        if (!JobSchedule.TryParseCron(options.CertExpiry.Cron, out _, out var cronError))
        {
            failures.Add($"Checks:CertExpiry:Cron {cronError}.");
        }

        if (!JobSchedule.TryParseCron(options.RestartTrend.Cron, out _, out var trendCronError))
        {
            failures.Add($"Checks:RestartTrend:Cron {trendCronError}.");
        }

        if (!JobSchedule.TryParseCron(options.Digest.Cron, out _, out var digestCronError))
        {
            failures.Add($"Checks:Digest:Cron {digestCronError}.");
        }

        if (options.RestartTrend.Retention < TimeSpan.FromDays(1) || options.RestartTrend.Retention > TimeSpan.FromDays(400))
        {
            failures.Add($"Checks:RestartTrend:Retention must be between 1 day (the baseline is 24 hours) and 400 days; {options.RestartTrend.Retention} is not.");
        }

        if (options.RestartTrend.MinRestarts is < 1 or > 10_000)
        {
            failures.Add($"Checks:RestartTrend:MinRestarts must be between 1 and 10000; {options.RestartTrend.MinRestarts} is not.");
        }

        if (!(options.RestartTrend.Factor >= 1 && options.RestartTrend.Factor <= 100))
        {
            failures.Add($"Checks:RestartTrend:Factor must be between 1 and 100; {options.RestartTrend.Factor} is not.");
        }

        if (options.RestartTrend.QuietFor < TimeSpan.FromMinutes(5) || options.RestartTrend.QuietFor > TimeSpan.FromDays(1))
        {
            failures.Add($"Checks:RestartTrend:QuietFor must be between 5 minutes and 1 day; {options.RestartTrend.QuietFor} is not.");
        }

        if (options.CertExpiry.Days.Where(day => day is < 1 or > 365).Select(day => (int?)day).FirstOrDefault() is { } bad)
        {
            failures.Add($"Checks:CertExpiry:Days must be whole days between 1 and 365; {bad} is not.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
