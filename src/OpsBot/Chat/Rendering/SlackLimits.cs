namespace OpsBot.Chat.Rendering;

/// <summary>
/// Block Kit's limits. https://docs.slack.dev/reference/block-kit/blocks and the pages of each block
/// and element it links (section, header, context, actions, button, confirmation dialog).
/// </summary>
public static class SlackLimits
{
    public const int Blocks = 50;
    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int Fields = 10;
    public const int FieldText = 2000;
    public const int ContextElements = 10;
    public const int ContextElementText = 2000;
    public const int ActionElements = 25;
    public const int ButtonText = 75;
    public const int ActionId = 255;
    public const int ConfirmTitle = 100;
    public const int ConfirmText = 300;
    public const int ConfirmButton = 30;

    /// <summary>The top-level <c>text</c>: Slack cuts at 40,000; as a notification less is plenty.</summary>
    public const int FallbackText = 3000;

    /// <summary>All block text together; Slack refuses long messages with <c>msg_blocks_too_long</c> (2°).</summary>
    public const int TotalBlockText = 40_000;
}
