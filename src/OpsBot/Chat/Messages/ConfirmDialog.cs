namespace OpsBot.Chat.Messages;

/// <summary>
/// "Are you sure?" before a button acts. Slack shows a dialog; Teams has none, so the button opens
/// an inline sub-card holding the real action; the console asks with <c>data-confirm</c>.
/// </summary>
public sealed record ConfirmDialog(string Title, string Text, string ConfirmText = "Confirm", string DenyText = "Cancel")
{
    public string Title { get; init; } = Title ?? string.Empty;

    public string Text { get; init; } = Text ?? string.Empty;

    public string ConfirmText { get; init; } = ConfirmText ?? "Confirm";

    public string DenyText { get; init; } = DenyText ?? "Cancel";
}
