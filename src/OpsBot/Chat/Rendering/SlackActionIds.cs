namespace OpsBot.Chat.Rendering;

/// <summary>
/// Slack wants each <c>action_id</c> unique within a message; a model may repeat one (two Approve
/// buttons for two workflows). The renderer numbers repeats <c>workflow.approve~2</c>;
/// <see cref="Parse"/> gives the model's id back for the action router.
/// https://docs.slack.dev/reference/block-kit/block-elements/button-element
/// </summary>
public static class SlackActionIds
{
    public const char Separator = '~';

    /// <summary>The model's action id of a rendered <c>action_id</c>.</summary>
    public static string Parse(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        var at = actionId.LastIndexOf(Separator);
        return at > 0 && int.TryParse(actionId.AsSpan(at + 1), out _) ? actionId[..at] : actionId;
    }

    /// <summary>Hands out unique ids within one message.</summary>
    internal sealed class Allocator
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public string Next(string actionId)
        {
            var count = _seen.TryGetValue(actionId, out var seen) ? seen + 1 : 1;
            _seen[actionId] = count;
            return count == 1 ? actionId : $"{actionId}{Separator}{count}";
        }
    }
}
