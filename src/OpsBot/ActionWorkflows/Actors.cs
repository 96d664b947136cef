using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>Between the chat side's <see cref="ChatRequest"/> and the workflow side's <see cref="Actor"/>.</summary>
public static class Actors
{
    /// <summary>The person acting, with the configured <see cref="Actor.Person"/> behind their id (for four-eyes across platforms).</summary>
    public static Actor From(ChatRequest request, ICommandAuthorizer authorizer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorizer);
        return new Actor(PlatformName(request.Platform), request.UserId, request.ChannelId) { Name = request.UserName, Person = authorizer.PersonOf(request) };
    }

    /// <summary>The request the person would make from where they acted: what authorization is asked about.</summary>
    public static ChatRequest ToRequest(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new ChatRequest
        {
            Platform = Platform(actor),
            UserId = actor.UserId,
            UserName = actor.Name,
            ChannelId = actor.Channel,
        };
    }

    public static ChatPlatform Platform(Actor actor) =>
        Enum.TryParse<ChatPlatform>(actor?.Platform, ignoreCase: true, out var platform) ? platform : ChatPlatform.Console;

    /// <summary><c>console</c>, <c>slack</c>, <c>teams</c>: as <see cref="CommandAuthorizer.Key"/> spells it.</summary>
    public static string PlatformName(ChatPlatform platform) => platform.ToString().ToLowerInvariant();
}
