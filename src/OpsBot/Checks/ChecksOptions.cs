namespace OpsBot.Checks;

/// <summary>The scheduled checks (docs/CHECKS.md), validated at start by <see cref="ChecksOptionsValidator"/>.</summary>
public sealed class ChecksOptions
{
    public const string Section = "Checks";

    /// <summary>The IANA time zone every check's cron expression is read in.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    public CertExpiryOptions CertExpiry { get; set; } = new();

    public RestartTrendOptions RestartTrend { get; set; } = new();

    public DigestOptions Digest { get; set; } = new();
}
