namespace OpsBot.Chat.Delivery;

/// <summary>A saved conversation reference (Teams proactive messaging), as the caller serialized it.</summary>
/// <param name="Key">The caller's key, e.g. <c>teams:&lt;conversation id&gt;</c>.</param>
/// <param name="Json">The reference as JSON; the store keeps it byte for byte.</param>
/// <param name="UpdatedAt">When it was last saved (from the store's <see cref="TimeProvider"/>).</param>
public sealed record StoredConversationReference(string Key, string Json, DateTimeOffset UpdatedAt);
