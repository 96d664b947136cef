namespace OpsBot.Authorization;

/// <summary>
/// Which namespaces each chat channel may touch, bound from the <c>Channels</c> section and
/// validated at start (<see cref="ChannelOptionsValidator"/>).
/// </summary>
/// <example>
/// <code>
/// "Channels": {
///   "Default": { "Namespaces": [ "*" ] },
///   "Items": [ { "Id": "slack:C0INCIDENT", "Namespaces": [ "ecommerce-*" ], "DefaultNamespace": "ecommerce-production", "Cluster": "prod" } ]
/// }
/// </code>
/// </example>
public sealed class ChannelOptions
{
    public const string SectionName = "Channels";

    /// <summary>The policy of channels not listed in <see cref="Items"/>.</summary>
    /// <value>
    /// When not configured, unlisted channels allow every namespace (users' roles still apply) with
    /// <c>default</c> as the default namespace. (No list initialiser here: the configuration binder
    /// appends to lists, which would widen a configured policy.)
    /// </value>
    public ChannelPolicy? Default { get; set; }

    /// <summary>The policy used for unlisted channels when <see cref="Default"/> is not configured.</summary>
    public static ChannelPolicy AllowAll { get; } = new() { Namespaces = ["*"] };

    /// <summary>Per-channel policies; <see cref="ChannelPolicy.Id"/> is <c>platform:channelId</c>.</summary>
    public List<ChannelPolicy> Items { get; set; } = [];
}
