namespace OpsBot.Testing.Slack;

/// <summary>
/// A storm of Slack failures for <see cref="FakeSlack.InjectFaults"/>: a share of the calls to <see cref="Methods"/> is
/// answered 429 with <c>Retry-After</c> (Slack did nothing) or a 5xx (<see cref="ServerErrorStatuses"/>, in turn); of the
/// 5xx, <see cref="LandedShare"/> are answered after the message was posted or updated (the caller cannot tell), the
/// rest before. Draws come from one seeded generator, so a run is repeatable for the same order of calls.
/// </summary>
public sealed record FakeSlackFaults
{
    public int Seed { get; init; } = 1;

    /// <summary>Share of calls answered 429 (0..1).</summary>
    public double RateLimitRate { get; init; }

    /// <summary>Share of calls answered with a 5xx (0..1).</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Share of the 5xx answered after acting (0..1).</summary>
    public double LandedShare { get; init; } = 0.5;

    public IReadOnlyList<int> ServerErrorStatuses { get; init; } = [500, 502, 503];

    /// <summary>Which calls fail: Web API method names, and <c>response_url</c> for response URL posts.</summary>
    public IReadOnlySet<string> Methods { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "chat.postMessage", "chat.update", "response_url" };
}
