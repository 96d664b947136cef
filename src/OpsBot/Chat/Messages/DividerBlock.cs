namespace OpsBot.Chat.Messages;

/// <summary>A horizontal rule between blocks.</summary>
public sealed record DividerBlock : MessageBlock;
