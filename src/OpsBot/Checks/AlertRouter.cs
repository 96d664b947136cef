using OpsBot.Workflows;
using OpsBot.Chat.Delivery;

namespace OpsBot.Checks;

/// <summary>Where alerts about a namespace go: the channels whose <c>Alerts</c> is on and whose namespaces cover it.</summary>
public sealed class AlertRouter(Microsoft.Extensions.Options.IOptions<Authorization.ChannelOptions> channels)
{
    /// <summary>The console channel alerts go to when no channel has <c>Alerts</c> on (the embedded default).</summary>
    public const string DefaultConsoleChannel = "sre";

    /// <summary>The alert channels for an object in <paramref name="ns"/> on <paramref name="cluster"/>, each once.</summary>
    public IReadOnlyList<ConversationAddress> For(string cluster, string ns)
    {
        var alerting = channels.Value.Items.Where(channel => channel.Alerts).ToList();
        if (alerting.Count == 0)
        {
            return [new ConversationAddress(Chat.ChatPlatform.Console, DefaultConsoleChannel)];
        }

        return [.. alerting
            .Where(channel => (channel.Cluster is null || channel.Cluster == cluster) && NamespaceGlob.MatchesAny(channel.Namespaces, ns))
            .Select(channel => Address(channel.Id))
            .OfType<ConversationAddress>()
            .Distinct()];
    }

    private static ConversationAddress? Address(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Enum.TryParse<Chat.ChatPlatform>(id[..colon], ignoreCase: true, out var platform)
            ? new ConversationAddress(platform, id[(colon + 1)..])
            : null;
    }
}
