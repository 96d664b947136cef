namespace OpsBot.Chat.Rendering;

/// <summary>Settings shared by the renderers.</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>
    /// Where the whole answer can be seen (the web console or dashboard). When a message is cut to fit
    /// a platform's limits, the "…and N more" line links here.
    /// </summary>
    public Uri? DashboardUrl { get; init; }

    /// <summary>The text of the dashboard link.</summary>
    public string DashboardLinkText { get; init; } = "Open in dashboard";
}
