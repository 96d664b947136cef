namespace OpsBot.Chat.Messages;

/// <summary>A label/value pair (Slack section field, Teams fact, console definition list).</summary>
/// <param name="Label">A short label, shown in bold; plain text.</param>
/// <param name="Value">The value.</param>
public sealed record MessageField(string Label, RichText Value)
{
    public string Label { get; init; } = Label ?? string.Empty;

    public RichText Value { get; init; } = Value ?? RichText.Empty;
}
