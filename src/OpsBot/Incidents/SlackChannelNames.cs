using System.Globalization;
using System.Text;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>
/// An incident's Slack channel name, <c>inc-2026-0042-checkout-returns-500s</c>: Slack's rules for
/// <c>conversations.create</c> — lower case letters, digits, hyphens and underscores, no spaces or periods, at most 80
/// characters (https://docs.slack.dev/reference/methods/conversations.create). The title is user text: accents are
/// dropped, everything else outside the allowed set becomes one hyphen, so it never reaches Slack as anything but a slug.
/// </summary>
public static class SlackChannelNames
{
    public const int MaxLength = 80;

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
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
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
