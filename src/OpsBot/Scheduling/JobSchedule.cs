using Cronos;

namespace OpsBot.Scheduling;

/// <summary>A cron expression (five fields, or six with seconds) and the time zone it is read in.</summary>
public sealed record JobSchedule(string Cron, TimeZoneInfo TimeZone)
{
    /// <summary>The next occurrence strictly after <paramref name="after"/>, or <see langword="null"/> when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        TryParseCron(Cron, out var expression, out _) ? expression!.GetNextOccurrence(after, TimeZone) : null;

    /// <summary>Parses a cron expression the way Hangfire does: six fields include seconds.</summary>
    public static bool TryParseCron(string? cron, out CronExpression? expression, out string? error)
    {
        expression = null;
        error = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            error = "is empty; give a cron expression such as \"0 */6 * * *\"";
            return false;
        }

        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"\"{cron}\" has {fields} fields; a cron expression has 5 (minute hour day month weekday), or 6 with seconds first";
            return false;
        }

        try
        {
            expression = CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException problem)
        {
            error = $"\"{cron}\" is not a valid cron expression: {problem.Message}";
            return false;
        }
    }

    /// <summary>Finds a time zone by its IANA id (<c>Europe/Paris</c>) or <c>UTC</c>.</summary>
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo? zone, out string? error)
    {
        zone = null;
        error = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "is empty; give an IANA time zone such as UTC or Europe/Paris";
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception problem) when (problem is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"\"{id}\" is not a time zone this machine knows; give an IANA id such as UTC, Europe/Paris or America/New_York";
            return false;
        }
    }
}
