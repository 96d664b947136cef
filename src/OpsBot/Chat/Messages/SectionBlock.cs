namespace OpsBot.Chat.Messages;

/// <summary>A paragraph of rich text, optionally followed by label/value fields.</summary>
/// <param name="Text">The paragraph; may be empty when the section only carries fields.</param>
public sealed record SectionBlock(RichText Text) : MessageBlock
{
    public RichText Text { get; init; } = Text ?? RichText.Empty;

    public IReadOnlyList<MessageField> Fields { get; init; } = [];
}
