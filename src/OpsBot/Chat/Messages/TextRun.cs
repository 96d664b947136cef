using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>
/// A piece of text with one style and an optional link. <see cref="Text"/> is always data: renderers
/// escape it for their platform, so it can never turn into markup, a mention or a link of its own.
/// </summary>
/// <param name="Text">The literal text.</param>
/// <param name="Style">How it is shown.</param>
/// <param name="Link">Makes the run a link; only <c>http</c>/<c>https</c> links are rendered as links.</param>
/// <param name="Mention">Makes the run a mention of that person where their platform renders it (the text is their name).</param>
public sealed record TextRun(
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TextStyle Style = TextStyle.Plain,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Uri? Link = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PersonMention? Mention = null)
{
    public string Text { get; init; } = Text ?? string.Empty;

    /// <summary>The link, when it is an absolute <c>http</c>/<c>https</c> URI; otherwise <see langword="null"/>.</summary>
    [JsonIgnore]
    public Uri? SafeLink => Link is { IsAbsoluteUri: true } link && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) ? link : null;
}
