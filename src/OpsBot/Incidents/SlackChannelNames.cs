using System.Globalization;
using System.Text;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>
/// An incident's Slack channel name, <c>inc-2026-0042-checkout-returns-500s</c>: Slack's rules for
/// <c>conversations.create</c> — lower case letters, digits, hyphens and underscores, no spaces or periods, at most 80
/// characters (https://docs.slack.dev/reference/methods/conversations.create). The title is user text: common Latin
/// accents are folded (<c>é</c> → <c>e</c>; the host runs with invariant globalization, so without Unicode normalization),
/// everything else outside the allowed set becomes one hyphen, so it never reaches Slack as anything but a slug.
/// </summary>
public static class SlackChannelNames
{
    public const int MaxLength = 80;

    // Latin-1 Supplement and the common Latin Extended-A letters, each with the ASCII letter it folds to (same index).
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿźżžßłś";
    private const string Folded = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzsls";

    public static string For(IncidentId id, string title)
    {
        var name = new StringBuilder(id.LowerCase);
        var slug = Slug(title ?? string.Empty);
        if (slug.Length > 0)
        {
            name.Append('-').Append(slug);
        }

        var text = name.ToString();
        return text.Length <= MaxLength ? text : text[..MaxLength].TrimEnd('-', '_');
    }

    /// <summary>The name with a numeric suffix, for when Slack answers <c>name_taken</c> (within 80 characters).</summary>
    public static string WithSuffix(string name, int suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tail = "-" + suffix.ToString(CultureInfo.InvariantCulture);
        var stem = name.Length + tail.Length <= MaxLength ? name : name[..(MaxLength - tail.Length)].TrimEnd('-', '_');
        return stem + tail;
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title)
        {
            var lower = char.ToLowerInvariant(c);
            var accent = Accented.IndexOf(lower, StringComparison.Ordinal);
            lower = accent >= 0 ? Folded[accent] : lower;
            if (char.IsAsciiLetterOrDigit(lower) || lower == '_')
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }
}
