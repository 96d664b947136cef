using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Incidents;

/// <summary>The configured channel ids of <c>Incidents:StakeholderChannels</c> / <c>EscalationChannels</c> (<c>slack:C0STATUS</c>, <c>teams:19:…</c>, <c>console:status</c>) as addresses.</summary>
public static class StakeholderAddresses
{
    /// <summary>The address of <paramref name="channel"/>; <see langword="null"/> when it is not <c>platform:id</c> (validation at start refuses those).</summary>
    public static ConversationAddress? Of(string channel)
    {
        var colon = channel?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == channel!.Length - 1 || !Enum.TryParse<ChatPlatform>(channel[..colon], ignoreCase: true, out var platform))
        {
            return null;
        }

        return new ConversationAddress(platform, channel[(colon + 1)..]);
    }
}
