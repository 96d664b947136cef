using System.Globalization;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Triage;

/// <summary>
/// The chat reply for a <see cref="TriageReport"/>: the root cause first with its evidence and its suggested actions as
/// buttons, its symptoms summarised, other problems listed, missing data noted, details behind a "More details"
/// button. Sized for Slack (≤ 50 blocks, ≤ 3000 characters a section) and Teams (≤ 5 buttons a row).
/// </summary>
public static class TriageMessage
{
    public const int MaxButtons = 5;
    public const int MaxEvidence = 6;
    public const int MaxListed = 6;
    public const int MaxDetailed = 12;

    public static ChatMessage Build(TriageReport report, bool details, string moreCommand)
    {
        ArgumentNullException.ThrowIfNull(report);
        return details ? Details(report) : Summary(report, moreCommand);
    }

    /// <summary><c>1h</c>, <c>30m</c>, <c>2d</c>: a duration as the <c>--since</c> flag takes it.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalDays >= 1 && duration.TotalDays % 1 == 0 ? $"{duration.TotalDays:0}d"
        : duration.TotalHours >= 1 && duration.TotalHours % 1 == 0 ? $"{duration.TotalHours:0}h"
        : duration.TotalMinutes >= 1 && duration.TotalMinutes % 1 == 0 ? $"{duration.TotalMinutes:0}m"
        : $"{Math.Max(1, duration.TotalSeconds):0}s";

    private static ChatMessage Summary(TriageReport report, string moreCommand)
    {
        var blocks = new List<MessageBlock>();
        var root = report.RootCause;
        string text;
        if (root is null)
        {
            text = $"No problems found in {report.Target.Display} (last {Duration(report.Since)}).";
            blocks.Add(new SectionBlock(RichText.Bold("No problems found") + $" in {report.Target.Display}: {Looked(report)}; no failing containers, warnings or alarms in the last {Duration(report.Since)}."));
            var hygiene = report.Findings.Where(f => f.Severity == Severity.Info).ToList();
            if (hygiene.Count > 0)
            {
                blocks.Add(new ContextBlock([.. hygiene.Take(3).Select(f => (RichText)("ℹ " + f.Title))]));
            }
        }
        else
        {
            var symptoms = report.SymptomsOf(root).ToList();
            var others = report.OtherProblems.ToList();
            text = $"Root cause: {root.Title} ({root.Severity.ToString().ToLowerInvariant()}, {root.ConfidenceLabel} confidence)"
                + (symptoms.Count > 0 ? $"; explains {K8sPlural(symptoms.Count, "other finding")}" : string.Empty)
                + (others.Count > 0 ? $"; {K8sPlural(others.Count, "other problem")}" : string.Empty) + ".";
            blocks.AddRange(FindingBlocks(root, "Root cause: ", MaxEvidence));
            if (symptoms.Count > 0)
            {
                blocks.Add(new SectionBlock(RichText.Bold("Explained by this cause") + "\n" + string.Join('\n', symptoms.Take(MaxListed).Select(s => $"• {s.Title}" + (s.Explanation is null ? string.Empty : $" — {s.Explanation}")))
                    + (symptoms.Count > MaxListed ? $"\n…and {symptoms.Count - MaxListed} more" : string.Empty)));
            }

            if (others.Count > 0)
            {
                blocks.Add(new SectionBlock(RichText.Bold("Other problems") + "\n" + string.Join('\n', others.Take(MaxListed).Select(o => $"{Icon(o.Severity)} {o.Title}" + (o.Proposals.SelectMany(p => p.Commands).FirstOrDefault() is { } c ? $" → {c.Text}" : string.Empty)))
                    + (others.Count > MaxListed ? $"\n…and {others.Count - MaxListed} more" : string.Empty)));
            }
        }

        if (report.Missing.Count > 0)
        {
            blocks.Add(Missing(report));
        }

        blocks.Add(new ActionsBlock([RunCommandButton.For("More details", moreCommand)]));
        blocks.Add(Context(report));
        return new ChatMessage(text) { Header = $"Triage {report.Target.Display}", Blocks = blocks };
    }

    private static ChatMessage Details(TriageReport report)
    {
        var blocks = new List<MessageBlock>();
        var shown = report.Findings.Take(MaxDetailed).ToList();
        foreach (var finding in shown)
        {
            if (blocks.Count > 0)
            {
                blocks.Add(new DividerBlock());
            }

            var prefix = finding.CausedBy is null ? (ReferenceEquals(finding, report.RootCause) ? "Root cause: " : string.Empty) : "Symptom: ";
            blocks.AddRange(FindingBlocks(finding, prefix, 10));
        }

        if (report.Findings.Count > shown.Count)
        {
            blocks.Add(new ContextBlock([$"…and {report.Findings.Count - shown.Count} more findings (see the JSON report)"]));
        }

        if (shown.Count == 0)
        {
            blocks.Add(new SectionBlock($"No findings in {report.Target.Display}: {Looked(report)}."));
        }

        if (report.Missing.Count > 0)
        {
            blocks.Add(Missing(report));
        }

        blocks.Add(Context(report));
        var text = $"Triage details for {report.Target.Display}: {K8sPlural(report.Findings.Count, "finding")}.";
        return new ChatMessage(text) { Header = $"Triage details {report.Target.Display}", Blocks = blocks };
    }

    private static IEnumerable<MessageBlock> FindingBlocks(Finding finding, string prefix, int maxEvidence)
    {
        var headline = RichText.Bold($"{Icon(finding.Severity)} {prefix}{finding.Title}");
        var body = finding.Summary + (finding.CausedBy is not null && finding.Explanation is not null ? $" ({finding.Explanation}.)" : string.Empty);
        yield return new SectionBlock(headline + "\n" + body)
        {
            Fields =
            [
                new("Severity", finding.Severity.ToString().ToLowerInvariant()),
                new("Confidence", $"{finding.ConfidenceLabel} ({finding.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})"),
                new("Kind", finding.Kind),
                new("Affects", string.Join(", ", finding.Resources.Take(4)) + (finding.Resources.Count > 4 ? $" +{finding.Resources.Count - 4}" : string.Empty)),
            ],
        };
        if (finding.Evidence.Count > 0)
        {
            yield return new CodeBlock(string.Join('\n', finding.Evidence.Take(maxEvidence).Select(Line)));
        }

        var buttons = finding.Proposals.SelectMany(p => p.Commands).Take(MaxButtons)
            .Select((command, i) => RunCommandButton.For(Clip(command.Label, 75), command.Text) with { Style = i == 0 ? ButtonStyle.Primary : ButtonStyle.Default })
            .ToList();
        if (buttons.Count > 0)
        {
            yield return new ActionsBlock(buttons);
        }

        var notes = finding.Proposals.Where(p => p.Commands.Count == 0)
            .Select(p => p is SetImageProposal image && image.Template is { } template ? $"{p.Label}: {template}" : p.Label)
            .Concat(finding.Proposals.Where(p => p.Commands.Count > 0 && p.Rationale is not null).Take(1).Select(p => $"Why: {p.Rationale}"))
            .ToList();
        if (notes.Count > 0)
        {
            yield return new ContextBlock([.. notes.Take(5).Select(n => (RichText)Clip(n, 1900))]);
        }
    }

    private static string Line(Evidence evidence)
    {
        var suffix = new List<string>();
        if (evidence.Count is { } count && count > 1)
        {
            suffix.Add($"×{count}");
        }

        if (evidence.At is { } at)
        {
            suffix.Add(at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        }

        var text = evidence.Text.Contains('\n', StringComparison.Ordinal) ? "\n  " + evidence.Text.Replace("\n", "\n  ", StringComparison.Ordinal) : " " + evidence.Text;
        return $"[{evidence.Kind}]{(evidence.Source is null ? string.Empty : " " + evidence.Source)}{(suffix.Count > 0 ? " (" + string.Join(", ", suffix) + ")" : string.Empty)}:{text}";
    }

    private static ContextBlock Missing(TriageReport report) =>
        new([.. report.Missing.Take(5).Select(m => (RichText)Clip($"⚠ Not read: {m.What} ({m.Reason}); the diagnosis may miss what it would show", 1900))]);

    private static ContextBlock Context(TriageReport report) =>
        new(
        [
            RichText.Plain("cluster ") + RichText.Code(report.Cluster),
            RichText.Plain("namespace ") + RichText.Code(report.Target.Namespace),
            Looked(report),
            $"{report.Duration.TotalMilliseconds:0} ms",
            report.GeneratedAt.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            .. report.Source is { } source ? [(RichText)source] : Array.Empty<RichText>(),
        ]);

    private static string Looked(TriageReport report) =>
        $"{K8sPlural(Count(report, "pods"), "pod")}, {K8sPlural(Count(report, "deployments"), "deployment")}, {K8sPlural(Count(report, "events"), "recent event")}, {K8sPlural(Count(report, "logs"), "log")} read";

    private static int Count(TriageReport report, string key) => report.Counts.TryGetValue(key, out var value) ? value : 0;

    private static string K8sPlural(int count, string noun) => Commands.K8s.K8sReplies.Plural(count, noun);

    private static string Icon(Severity severity) => severity switch
    {
        Severity.Critical => "🔴",
        Severity.Warning => "🟠",
        _ => "🔵",
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
