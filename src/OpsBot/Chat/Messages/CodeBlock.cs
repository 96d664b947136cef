namespace OpsBot.Chat.Messages;

/// <summary>Preformatted text such as log lines or YAML. Shown monospace and never interpreted as markup.</summary>
/// <param name="Code">The text, lines separated by <c>\n</c>.</param>
public sealed record CodeBlock(string Code) : MessageBlock
{
    public string Code { get; init; } = Code ?? string.Empty;
}
