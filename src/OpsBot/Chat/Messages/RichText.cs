using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>
/// Formatted text as a list of <see cref="TextRun"/>s. A <see cref="string"/> converts implicitly to
/// plain text, so handlers write <c>RichText.Bold("frontend") + " is crash-looping"</c> and user
/// input stays data: nothing in a string is ever parsed as markup.
/// </summary>
[JsonConverter(typeof(RichTextJsonConverter))]
public sealed class RichText : IEquatable<RichText>
{
    public RichText(IEnumerable<TextRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Runs = [.. runs.Where(run => run.Text.Length > 0)];
    }

    public static RichText Empty { get; } = new([]);

    public IReadOnlyList<TextRun> Runs { get; }

    /// <summary>Whether there is no text at all.</summary>
    public bool IsEmpty => Runs.Count == 0;

    /// <summary>The number of characters of text (without any markup).</summary>
    public int Length => Runs.Sum(run => run.Text.Length);

    public static RichText Plain(string text) => new([new TextRun(text)]);

    public static RichText Bold(string text) => new([new TextRun(text, TextStyle.Bold)]);

    public static RichText Italic(string text) => new([new TextRun(text, TextStyle.Italic)]);

    public static RichText Code(string text) => new([new TextRun(text, TextStyle.Code)]);

    public static RichText Link(string text, Uri url) => new([new TextRun(text, TextStyle.Plain, url)]);

    /// <summary>A mention of a person (<paramref name="name"/> where their platform cannot mention them).</summary>
    public static RichText Mention(string name, PersonMention mention) => new([new TextRun(name, TextStyle.Plain, null, mention)]);

    public static implicit operator RichText(string? text) => text is null ? Empty : Plain(text);

    public static RichText operator +(RichText left, RichText right) => new([.. left.Runs, .. right.Runs]);

    public static RichText Concat(params IEnumerable<RichText> parts) => new(parts.SelectMany(part => part.Runs));

    /// <summary>The text without styles or links.</summary>
    public string ToPlainText() => string.Concat(Runs.Select(run => run.Text));

    public override string ToString() => ToPlainText();

    public bool Equals(RichText? other) => other is not null && Runs.SequenceEqual(other.Runs);

    public override bool Equals(object? obj) => obj is RichText other && Equals(other);

    public override int GetHashCode() => Runs.Aggregate(0, (hash, run) => HashCode.Combine(hash, run));
}
