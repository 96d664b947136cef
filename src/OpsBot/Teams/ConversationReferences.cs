using System.Text.Json;
using OpsBot.Chat.Delivery;

namespace OpsBot.Teams;

/// <summary>
/// Typed access to the <see cref="IConversationReferenceStore"/>: Teams references by conversation id, stored under
/// <c>teams:&lt;conversation id&gt;</c> so that other platforms can share the store.
/// </summary>
public sealed class ConversationReferences(IConversationReferenceStore store)
{
    public const string KeyPrefix = "teams:";

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var json = JsonSerializer.Serialize(reference, TeamsJsonContext.Default.ConversationReference);
        await store.SaveAsync(KeyPrefix + reference.ConversationId, json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reference of a conversation (a thread's id finds its channel's reference).</summary>
    public async Task<ConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var stored = await store.GetAsync(KeyPrefix + TeamsConversationIds.Base(conversationId), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize(stored.Json, TeamsJsonContext.Default.ConversationReference);
    }

    /// <summary>The reference an activity carries (call only after the activity was validated).</summary>
    public static ConversationReference From(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ConversationReference(
            activity.ServiceUrl!,
            TeamsConversationIds.Base(activity.Conversation!.Id!),
            activity.Conversation.ConversationType,
            TeamsActivities.TenantOf(activity),
            activity.Recipient?.Id,
            activity.Recipient?.Name,
            TeamsActivities.StringAt(activity.ChannelData, "team", "id"));
    }
}
