namespace OpsBot.Chat.Messages;

/// <summary>A row of buttons.</summary>
public sealed record ActionsBlock(IReadOnlyList<ChatButton> Buttons) : MessageBlock
{
    public IReadOnlyList<ChatButton> Buttons { get; init; } = Buttons ?? [];
}
