using System.ComponentModel.DataAnnotations;

namespace OpsBot.Jobs;

/// <summary>
/// The background job server (Hangfire). Its storage follows <c>Storage:Provider</c>: a SQLite file beside
/// <c>opsbot.db</c>, or the PostgreSQL database of <c>Storage:ConnectionString</c> in its own schema.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this replica runs jobs (the schedules are still kept and the dashboard still served when off).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs run at once by this replica.</summary>
    /// <value>The default value is 2: checks are I/O bound, and a replica serves chat first.</value>
    [Range(1, 32, ErrorMessage = "Jobs:WorkerCount must be between 1 and 32.")]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often this replica looks for due recurring and delayed jobs.</summary>
    /// <value>The default value is 15 seconds (Hangfire's).</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Jobs:PollingInterval must be between 00:00:01 and 00:10:00.")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The PostgreSQL schema of Hangfire's tables (never OpsBot's own <c>public</c> tables).</summary>
    /// <value>The default value is <c>hangfire</c>.</value>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Jobs:PostgresSchema must be a lower-case SQL identifier (letters, digits, _), e.g. hangfire.")]
    public string PostgresSchema { get; set; } = "hangfire";

    /// <summary>The SQLite file of Hangfire's tables, under <c>Storage:DataDirectory</c> (separate from opsbot.db).</summary>
    /// <value>The default value is <c>jobs.db</c>.</value>
    [RegularExpression(@"^[A-Za-z0-9_.-]+\.db$", ErrorMessage = "Jobs:SqliteFile must be a file name ending in .db, e.g. jobs.db.")]
    public string SqliteFile { get; set; } = "jobs.db";
}
