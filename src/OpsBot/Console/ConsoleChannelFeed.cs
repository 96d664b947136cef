namespace OpsBot.Console;

/// <summary>One channel's messages and change counter, guarded by <see cref="ConsoleFeed"/>'s lock.</summary>
internal sealed class ConsoleChannelFeed
{
    public List<ConsoleFeedEntry> Entries { get; } = [];

    public long Sequence { get; set; }

    /// <summary>When the channel was last written (the feed's activity counter), to drop the least recently used.</summary>
    public long LastUsed { get; set; }
}
