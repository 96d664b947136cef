namespace OpsBot.Checks;

/// <summary><c>Checks:RestartTrend</c>: how often restarts are sampled, how long samples are kept, what counts as rising.</summary>
public sealed class RestartTrendOptions
{
    /// <summary>Whether the check is scheduled (it can still be run with <c>/checks run restart-trend</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>When it samples, in <c>Checks:TimeZone</c>.</summary>
    /// <value>The default value is <c>*/5 * * * *</c> (every 5 minutes).</value>
    public string Cron { get; set; } = "*/5 * * * *";

    /// <summary>How long samples are kept (older ones are pruned by each run); at least 1 day (the baseline's window).</summary>
    /// <value>The default value is 14 days.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Fewest restarts in the last hour that can alert at all.</summary>
    /// <value>The default value is 3.</value>
    public int MinRestarts { get; set; } = 3;

    /// <summary>How many times its own hourly baseline (the 23 hours before the last one) the last hour must exceed.</summary>
    /// <value>The default value is 2.</value>
    public double Factor { get; set; } = 2;

    /// <summary>How long without a restart ends an episode ("recovered").</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan QuietFor { get; set; } = TimeSpan.FromMinutes(30);
}
