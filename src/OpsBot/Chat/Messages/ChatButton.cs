using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>
/// A button. A press comes back to the bot as (<see cref="ActionId"/>, <see cref="Value"/>) whatever
/// the platform; the action id is one of a handler's constants (e.g. <c>workflow.approve</c>) and the
/// value is opaque data for it (e.g. a workflow id). A press is a request, never a proof: the handler
/// checks who pressed. Action ids use only letters, digits and <c>. _ - :</c>. A button with a <see cref="Url"/> is a link button.
/// </summary>
public sealed record ChatButton
{
    /// <summary>Longest <see cref="ActionId"/>: Slack's <c>action_id</c> limit.</summary>
    public const int MaxActionIdLength = 200;

    /// <summary>Longest <see cref="Value"/>: Slack's button <c>value</c> limit.</summary>
    public const int MaxValueLength = 2000;

    /// <summary>Longest <see cref="Url"/>: Slack's button <c>url</c> limit.</summary>
    public const int MaxUrlLength = 3000;

    [JsonConstructor]
    public ChatButton(string actionId, string text, string value = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actionId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actionId.Length, MaxActionIdLength, nameof(actionId));
        if (!actionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
        {
            throw new ArgumentException($"An action id is a constant of letters, digits and . _ - : ('{actionId}').", nameof(actionId));
        }

        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, MaxValueLength, nameof(value));
        ActionId = actionId;
        Text = text ?? string.Empty;
        Value = value;
    }

    public string ActionId { get; }

    public string Text { get; init; }

    public string Value { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ButtonStyle Style { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConfirmDialog? Confirm { get; init; }

    /// <summary>Makes this a link button; must be an absolute <c>http</c>/<c>https</c> URL.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? Url
    {
        get;
        init
        {
            if (value is not null && (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp)))
            {
                throw new ArgumentException($"A button links only to an absolute http(s) URL, not '{value}'.", nameof(Url));
            }

            if (value is not null && value.AbsoluteUri.Length > MaxUrlLength)
            {
                throw new ArgumentOutOfRangeException(nameof(Url), $"A button URL has at most {MaxUrlLength} characters.");
            }

            field = value;
        }
    }

    /// <summary>A button that opens <paramref name="url"/>.</summary>
    public static ChatButton Link(string actionId, string text, Uri url) => new(actionId, text) { Url = url };
}
