namespace OpsBot.Checks;

/// <summary><c>Checks:CertExpiry</c>: when to look at certificates and at how many days left to warn.</summary>
public sealed class CertExpiryOptions
{
    /// <summary>Whether the check is scheduled (it can still be run with <c>/checks run cert-expiry</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>When it runs, in <c>Checks:TimeZone</c>.</summary>
    /// <value>The default value is <c>0 */6 * * *</c> (every 6 hours).</value>
    public string Cron { get; set; } = "0 */6 * * *";

    /// <summary>Days left at which a certificate alerts, once each; expiry always alerts.</summary>
    /// <value>The default value is 28, 14, 7, 1.</value>
    public List<int> Days { get; set; } = [];

    /// <summary>The thresholds in effect: <see cref="Days"/> largest first, or the defaults when none are configured.</summary>
    public IReadOnlyList<int> Thresholds => Days.Count == 0 ? [28, 14, 7, 1] : [.. Days.Distinct().OrderDescending()];
}
