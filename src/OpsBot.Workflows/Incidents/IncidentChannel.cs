namespace OpsBot.Workflows.Incidents;

/// <summary>
/// Where an incident is worked: its own channel (Slack <c>#inc-2026-0042-…</c>, the console's <c>inc-2026-0042</c>) or a
/// thread in the declaring channel (Teams, or Slack without the scope to create channels). Commands typed there apply
/// to the incident (<see cref="Persistence.IIncidentStore.FindByChannelAsync"/>).
/// </summary>
/// <param name="Platform"><c>slack</c>, <c>teams</c> or <c>console</c>.</param>
/// <param name="ChannelId">The platform's channel / conversation id.</param>
/// <param name="ThreadId">The thread's parent (Slack <c>ts</c>, Teams activity id) when the incident lives in a thread; otherwise <see langword="null"/>.</param>
public sealed record IncidentChannel(string Platform, string ChannelId, string? ThreadId = null)
{
    /// <summary><c>slack:C0INC42</c>, or <c>teams:19:abc@thread.tacv2/1700000000</c> for a thread: what the store looks incidents up by.</summary>
    public string Key => ThreadId is null ? $"{Platform}:{ChannelId}" : $"{Platform}:{ChannelId}/{ThreadId}";

    /// <summary>The key of a channel (or of a thread in it), as <see cref="Key"/> writes it.</summary>
    public static string KeyOf(string platform, string channelId, string? threadId = null) => new IncidentChannel(platform, channelId, threadId).Key;
}
