using System.Globalization;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary>
/// The digest as a message: "all clear" in one line, or one section per kind of problem with at most
/// <see cref="LinesPerSection"/> lines each (well inside Slack's 50 blocks and 3,000 characters a section, and Teams'
/// card size), and a "More" button for each section that has more than it shows.
/// </summary>
public static class DigestMessages
{
    public const int LinesPerSection = 8;

    public static ChatMessage Render(DigestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = "Daily digest " + report.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (report.AllClear)
        {
            const string clear = "All clear: nodes ready, workloads available, no restarters, no certificate inside 28 days, HPAs with room, no open incidents or workflows, no actions, no mutes.";
            return new ChatMessage(clear) { Header = header, Blocks = [new SectionBlock(RichText.Plain(clear))] };
        }

        var blocks = new List<MessageBlock>();
        var more = new List<ChatButton>();
        foreach (var section in report.Sections)
        {
            var shown = section.Lines.Take(LinesPerSection).ToList();
            var text = RichText.Bold($"{section.Title} ({section.Lines.Count})") + RichText.Plain("\n" + string.Join("\n", shown.Select(line => "• " + line)));
            if (section.Lines.Count > shown.Count)
            {
                text += RichText.Plain($"\n… and {section.Lines.Count - shown.Count} more");
                if (section.MoreCommand is { } command && more.Count < 5)
                {
                    more.Add(RunCommandButton.For($"More: {section.Title}", command));
                }
            }

            blocks.Add(new SectionBlock(text));
        }

        if (more.Count > 0)
        {
            blocks.Add(new ActionsBlock(more));
        }

        blocks.Add(new ContextBlock([RichText.Plain("/digest now for a fresh one · /checks list for the checks · /checks mute to hold an alert")]));
        var headline = $"{header}: " + string.Join("; ", report.Sections.Select(section => $"{section.Title} ({section.Lines.Count})"));
        return new ChatMessage(headline) { Header = header, Blocks = blocks };
    }
}
