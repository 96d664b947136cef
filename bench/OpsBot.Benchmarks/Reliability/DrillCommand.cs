namespace OpsBot.Benchmarks.Reliability;

/// <summary>One slash command the drill sent: its own channel (so that every message about it can be told apart), its response_url, and how the ack went.</summary>
internal sealed class DrillCommand
{
    public required int Index { get; init; }

    public required string Command { get; init; }

    public required string Text { get; init; }

    public required string Channel { get; init; }

    public required Uri ResponseUrl { get; init; }

    /// <summary>When it was sent, on the fake Slack's clock.</summary>
    public TimeSpan SentAt { get; set; }

    /// <summary>The ack's HTTP status (0: the bot could not be reached — Slack shows the user <c>dispatch_failed</c>).</summary>
    public int AckStatus { get; set; }

    /// <summary>The ack carried the reply itself.</summary>
    public bool AnsweredInAck { get; set; }

    public string? AckText { get; set; }

    public string Line => $"{Command} {Text}";
}
