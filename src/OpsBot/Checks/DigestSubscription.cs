namespace OpsBot.Checks;

/// <summary>A channel that receives the daily digest: its platform and id (<c>slack</c>, <c>C0ALERTS</c>), who subscribed it and when.</summary>
public sealed record DigestSubscription(Chat.ChatPlatform Platform, string ChannelId, string By, DateTimeOffset At)
{
    /// <summary><c>slack:C0ALERTS</c>: the stored key.</summary>
    public string Key => $"{Platform.ToString().ToLowerInvariant()}:{ChannelId}";
}
