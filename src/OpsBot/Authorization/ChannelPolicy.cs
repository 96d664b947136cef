namespace OpsBot.Authorization;

/// <summary>What one channel may touch, and what it uses when a command does not say.</summary>
public sealed class ChannelPolicy
{
    /// <summary><c>platform:channelId</c>, e.g. <c>slack:C0123ABC</c> or <c>console:incident</c>. Unused for the default policy.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Namespace globs commands from this channel may touch.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>The namespace used when a command has no <c>-n</c>.</summary>
    /// <value>The default is <c>default</c>.</value>
    public string? DefaultNamespace { get; set; }

    /// <summary>The cluster used when a command has no <c>--cluster</c>.</summary>
    /// <value>The default is the cluster provider's default.</value>
    public string? Cluster { get; set; }

    /// <summary>Whether the checks' alerts (certificate expiry, …) about its namespaces are posted here (docs/CHECKS.md).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Alerts { get; set; }
}
