using System.Text.Json.Nodes;

namespace OpsBot.Teams;

/// <summary>An attachment; OpsBot sends Adaptive Cards (<see cref="AdaptiveCardContentType"/>).</summary>
public sealed record BotAttachment(string ContentType, JsonNode? Content)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}
