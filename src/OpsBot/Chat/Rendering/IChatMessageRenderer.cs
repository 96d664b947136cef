using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>Turns a platform-neutral <see cref="ChatMessage"/> into one platform's payload.</summary>
public interface IChatMessageRenderer<out TPayload>
{
    TPayload Render(ChatMessage message, RenderOptions? options = null);
}
