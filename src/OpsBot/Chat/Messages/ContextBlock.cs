namespace OpsBot.Chat.Messages;

/// <summary>Small print: a few short pieces of text (cluster, namespace, age, who asked).</summary>
public sealed record ContextBlock(IReadOnlyList<RichText> Elements) : MessageBlock
{
    public IReadOnlyList<RichText> Elements { get; init; } = Elements ?? [];
}
