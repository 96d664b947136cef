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

        if (options.CertExpiry.Days.Where(day => day is < 1 or > 365).Select(day => (int?)day).FirstOrDefault() is { } bad)
        {
            failures.Add($"Checks:CertExpiry:Days must be whole days between 1 and 365; {bad} is not.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
