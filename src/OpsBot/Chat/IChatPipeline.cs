namespace OpsBot.Chat;

/// <summary>
/// The one entry point every adapter calls: parse → authorize → handle → reply. It never throws for
/// bad input or refused requests; those become replies that say what was wrong.
/// </summary>
public interface IChatPipeline
{
    Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken = default);
}
