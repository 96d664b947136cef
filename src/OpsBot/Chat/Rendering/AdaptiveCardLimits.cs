namespace OpsBot.Chat.Rendering;

/// <summary>
/// What OpsBot keeps an Adaptive Card within for Teams. https://adaptivecards.io/explorer/ and
/// https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-reference
/// </summary>
public static class AdaptiveCardLimits
{
    /// <summary>Teams refuses messages over about 100 KB (413); we stay under 80 KB of JSON.</summary>
    public const int CardBytes = 80 * 1024;

    /// <summary>Actions per action set: the <c>maxActions</c> of the adaptivecards library's default host config (Teams shows up to 6, 2°).</summary>
    public const int Actions = 5;

    /// <summary>Source characters of one text; keeps one huge text from taking the whole card.</summary>
    public const int Text = 8000;

    /// <summary>Button titles, like Slack's button text.</summary>
    public const int ButtonTitle = 75;
}
