namespace OpsBot.Checks;

/// <summary><c>Checks:Digest</c>: when the daily health digest goes to the subscribed channels.</summary>
public sealed class DigestOptions
{
    /// <summary>Whether the digest is scheduled (<c>/digest now</c> works either way).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>When it is posted, in <c>Checks:TimeZone</c>.</summary>
    /// <value>The default value is <c>0 9 * * *</c> (09:00 every day).</value>
    public string Cron { get; set; } = "0 9 * * *";
}
