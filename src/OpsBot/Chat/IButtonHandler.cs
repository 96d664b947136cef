namespace OpsBot.Chat;

/// <summary>
/// Answers button presses whose action id starts with <see cref="ActionPrefix"/> (e.g. <c>workflow.</c>).
/// The pipeline routes a press to the handler with the longest matching prefix. A press is a request,
/// not a proof: the handler checks that the person who pressed may do what the button asks.
/// </summary>
public interface IButtonHandler
{
    /// <summary>The action-id prefix this handler owns: <c>workflow.</c> owns <c>workflow.approve</c>.</summary>
    string ActionPrefix { get; }

    Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default);

    /// <summary>
    /// The command that shows where the press's subject stands (<c>/workflow show ID</c>), for a reply that cannot show it
    /// (the database stopped answering after the press was recorded); <see langword="null"/> when there is none.
    /// </summary>
    string? StatusCommand(ButtonPress button) => null;
}
