using System.Globalization;
using OpsBot.Testing.Slack;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// What became of each command, from what the fake Slack received in its channel: answered (one reply), duplicated
/// (more than one), reported (no reply, but the bot said it could not answer), refused (Slack could not reach the bot, so
/// Slack itself told the user), or lost (nothing at all). Placeholders and removals are not replies.
/// </summary>
internal sealed record DrillTally
{
    public int Sent { get; init; }

    public int Answered { get; init; }

    public int Duplicated { get; init; }

    public int Reported { get; init; }

    public int Refused { get; init; }

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

    public static DrillTally Of(IReadOnlyList<DrillCommand> commands, FakeSlack slack)
    {
        var byChannel = slack.Messages
            // A reply is a top-level message; posts in its thread are the workflow's follow-ups (executed, verified).
            .Where(message => message.Method is "response_url" or "chat.postMessage" or "chat.postEphemeral" && !message.DeleteOriginal && message.ThreadTs is null)
            .GroupBy(message => message.Channel)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var latencies = new List<double>();
        var headlines = new Dictionary<string, int>(StringComparer.Ordinal);
        var lost = new List<int>();
        var duplicated = new List<int>();
        int answered = 0, reported = 0, refused = 0, unclear = 0, notices = 0;
        foreach (var command in commands)
        {
            var messages = byChannel.GetValueOrDefault(command.Channel) ?? [];
            notices += messages.Count(message => IsNotice(message.Text));
            var replies = messages.Where(message => !IsPlaceholder(message.Text) && !IsNotice(message.Text)).ToList();
            var count = replies.Count + (command.AnsweredInAck ? 1 : 0);
            var texts = replies.Select(reply => reply.Text ?? "").Concat(command.AnsweredInAck ? [command.AckText ?? ""] : []).ToList();
            unclear += texts.Count(text => text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal));
            if (count > 0)
            {
                answered++;
                var first = command.AnsweredInAck ? command.SentAt : replies.Min(reply => reply.ReceivedAt);
                latencies.Add(command.AnsweredInAck ? 0 : (first - command.SentAt).TotalMilliseconds);
                var headline = Headline(texts[0]);
                headlines[headline] = headlines.GetValueOrDefault(headline) + 1;
                if (count > 1)
                {
                    duplicated.Add(command.Index);
                }
            }
            else if (messages.Any(message => IsNotice(message.Text)))
            {
                reported++;
            }
            else if (command.AckStatus == 0)
            {
                refused++;
            }
            else
            {
                lost.Add(command.Index);
            }
        }

        var sorted = latencies.Order().ToArray();
        return new DrillTally
        {
            Sent = commands.Count,
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
        $"{Sent} sent, {Answered} answered, {Reported} reported, {Refused} refused by Slack (bot down), {Lost} lost, {Duplicated} duplicated, {Unclear} unclear, {Notices} notices; reply p50 {P50Ms:0} ms, p99 {P99Ms:0} ms, max {MaxMs:0} ms");

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
