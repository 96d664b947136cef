using System.Globalization;
using OpsBot.Testing.Slack;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// What became of each command, from what the fake platform received in its channel: answered (one reply), duplicated
/// (more than one), reported (no reply, but the bot said it could not answer), refused (the platform — Slack or Teams —
/// could not reach the bot, so it told the user itself), or lost (nothing at all). Placeholders and removals are not replies.
/// </summary>
internal sealed record DrillTally
{
    public int Sent { get; init; }

    public int Answered { get; init; }

    public int Duplicated { get; init; }

    public int Reported { get; init; }

    public int Refused { get; init; }

    /// <summary>The chat platform the commands came from: the one that told the user the bot could not be reached.</summary>
    public string Platform { get; init; } = "Slack";

    public int Lost { get; init; }

    /// <summary>Notices received in all (a command told twice counts twice).</summary>
    public int Notices { get; init; }

    /// <summary>Replies that read like a crash (an exception's name or a stack frame).</summary>
    public int Unclear { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    public IReadOnlyList<int> LostIndexes { get; init; } = [];

    public IReadOnlyList<int> DuplicatedIndexes { get; init; } = [];

    /// <summary>The first line of each kind of reply, with how many commands got it (for the report).</summary>
    public IReadOnlyDictionary<string, int> Headlines { get; init; } = new Dictionary<string, int>();

    /// <summary>The text a bot notice starts with when a reply could not be delivered or a command not finished.</summary>
    public static bool IsNotice(string? text) => text is not null && text.Contains(DeliveryNotice, StringComparison.Ordinal);

    /// <summary>Shared with the product's notices: see <c>SlackReplyDelivery</c> and the restart sweep.</summary>
    public const string DeliveryNotice = "OpsBot could not";

    /// <summary>The tally of Slack commands, from what the fake Slack received in each command's channel.</summary>
    public static DrillTally Of(IReadOnlyList<DrillCommand> commands, FakeSlack slack)
    {
        var byChannel = slack.Messages
            // A reply is a top-level message; posts in its thread are the workflow's follow-ups (executed, verified).
            .Where(message => message.Method is "response_url" or "chat.postMessage" or "chat.postEphemeral" && !message.DeleteOriginal && message.ThreadTs is null)
            .GroupBy(message => message.Channel)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        return Of(commands.Select(command =>
        {
            var messages = byChannel.GetValueOrDefault(command.Channel) ?? [];
            IEnumerable<DrillReply> replies = messages.Where(message => !IsPlaceholder(message.Text) && !IsNotice(message.Text)).Select(message => new DrillReply(message.Text ?? "", message.ReceivedAt));
            if (command.AnsweredInAck)
            {
                replies = replies.Prepend(new DrillReply(command.AckText ?? "", command.SentAt));
            }

            return new DrillObservation(command.Index, command.SentAt, command.AckStatus, [.. replies], messages.Count(message => IsNotice(message.Text)));
        }).ToList(), "Slack");
    }

    /// <summary>The tally of what each command got on <paramref name="platform"/> (<c>Slack</c>, <c>Teams</c>).</summary>
    public static DrillTally Of(IReadOnlyList<DrillObservation> observations, string platform)
    {
        var latencies = new List<double>();
        var headlines = new Dictionary<string, int>(StringComparer.Ordinal);
        var lost = new List<int>();
        var duplicated = new List<int>();
        int answered = 0, reported = 0, refused = 0, unclear = 0, notices = 0;
        foreach (var observation in observations)
        {
            notices += observation.Notices;
            var replies = observation.Replies;
            unclear += replies.Count(reply => reply.Text.Contains("Exception", StringComparison.Ordinal) || reply.Text.Contains("   at ", StringComparison.Ordinal));
            if (replies.Count > 0)
            {
                answered++;
                var first = replies.MinBy(reply => reply.At)!;
                latencies.Add(Math.Max(0, (first.At - observation.SentAt).TotalMilliseconds));
                var headline = Headline(first.Text);
                headlines[headline] = headlines.GetValueOrDefault(headline) + 1;
                if (replies.Count > 1)
                {
                    duplicated.Add(observation.Index);
                }
            }
            else if (observation.Notices > 0)
            {
                reported++;
            }
            else if (observation.AckStatus == 0)
            {
                refused++;
            }
            else
            {
                lost.Add(observation.Index);
            }
        }

        var sorted = latencies.Order().ToArray();
        return new DrillTally
        {
            Platform = platform,
            Sent = observations.Count,
            Answered = answered,
            Duplicated = duplicated.Count,
            Reported = reported,
            Refused = refused,
            Lost = lost.Count,
            Unclear = unclear,
            Notices = notices,
            P50Ms = Percentile(sorted, 0.50),
            P99Ms = Percentile(sorted, 0.99),
            MaxMs = sorted.Length == 0 ? 0 : sorted[^1],
            LostIndexes = lost,
            DuplicatedIndexes = duplicated,
            Headlines = headlines,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Sent} sent, {Answered} answered, {Reported} reported, {Refused} refused by {Platform} (bot down), {Lost} lost, {Duplicated} duplicated, {Unclear} unclear, {Notices} notices; reply p50 {P50Ms:0} ms, p99 {P99Ms:0} ms, max {MaxMs:0} ms");

    private static bool IsPlaceholder(string? text) => text?.StartsWith("Working on", StringComparison.Ordinal) == true;

    // Digits vary from reply to reply (counts, ages): the kind of reply is its first line without them.
    private static string Headline(string text)
    {
        var line = text.Split('\n')[0];
        line = line.Length > 90 ? line[..90] : line;
        return new string([.. line.Select(c => char.IsAsciiDigit(c) ? '#' : c)]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
