using System.Text.Json.Nodes;

namespace OpsBot.Teams;

/// <summary>
/// The last cards with a confirmation step the bot showed, by (conversation, activity id), so that
/// Cancel on a confirmation card can bring the card back (an invoke carries no card). Bounded; a
/// forgotten card (restart, eviction) is replaced by "Cancelled: nothing was done".
/// </summary>
public sealed class TeamsCardMemory
{
    /// <summary>Cards remembered at most; the oldest go first.</summary>
    public const int Capacity = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), JsonObject> _cards = [];
    private readonly Queue<(string, string)> _order = new();

    public void Remember(string conversationId, string? activityId, JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(card);
        if (string.IsNullOrEmpty(activityId) || !TeamsCards.HasConfirmationStep(card))
        {
            return;
        }

        var key = (TeamsConversationIds.Base(conversationId), activityId);
        lock (_lock)
        {
            if (!_cards.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _cards[key] = (JsonObject)card.DeepClone();
            while (_cards.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _cards.Remove(oldest);
            }
        }
    }

    public JsonObject? Recall(string conversationId, string? activityId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (string.IsNullOrEmpty(activityId))
        {
            return null;
        }

        lock (_lock)
        {
            return _cards.TryGetValue((TeamsConversationIds.Base(conversationId), activityId), out var card) ? (JsonObject)card.DeepClone() : null;
        }
    }
}
