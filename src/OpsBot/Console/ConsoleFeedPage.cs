namespace OpsBot.Console;

/// <summary>What a poll of a channel's feed returns: the entries changed after the asked sequence, and the latest sequence.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Latest">The channel's latest sequence: the next poll asks for what is after it.</param>
/// <param name="Messages">Entries posted or replaced after the asked sequence, in sequence order.</param>
/// <param name="Reset">The asked sequence is ahead of the channel (the bot restarted): drop what you show and read again from 0.</param>
public sealed record ConsoleFeedPage(string Channel, long Latest, IReadOnlyList<ConsoleFeedEntry> Messages, bool Reset);
