namespace OpsBot.Testing.Teams;

/// <summary>
/// Seeded faults of the fake Bot Connector (<see cref="FakeBotFrameworkChannel.InjectFaults"/>): each call to
/// <c>/v3/conversations…</c> is answered 429 (with <c>Retry-After</c>) at <see cref="RateLimitRate"/> and 502 at
/// <see cref="BadGatewayRate"/>, neither posting anything (the front door refused it), and at
/// <see cref="AppliedThenBadGatewayRate"/> the call is carried out (the message is posted) and then answered 502,
/// as when the connector's backend wrote it and the gateway timed out: a bot that sends that post again duplicates it.
/// </summary>
public sealed record FakeTeamsFaults
{
    public int Seed { get; init; } = 42;

    public double RateLimitRate { get; init; }

    public double BadGatewayRate { get; init; }

    /// <summary>The share of calls that are carried out and then answered 502 (the write landed).</summary>
    public double AppliedThenBadGatewayRate { get; init; }

    /// <summary>The <c>Retry-After</c> of a 429, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}
