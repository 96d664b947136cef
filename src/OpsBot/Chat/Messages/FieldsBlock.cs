namespace OpsBot.Chat.Messages;

/// <summary>Label/value pairs on their own, e.g. the facts of a triage report.</summary>
public sealed record FieldsBlock(IReadOnlyList<MessageField> Fields) : MessageBlock
{
    public IReadOnlyList<MessageField> Fields { get; init; } = Fields ?? [];
}
