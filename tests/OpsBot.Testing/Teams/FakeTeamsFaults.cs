namespace OpsBot.Testing.Teams;

/// <summary>
/// Seeded faults of the fake Bot Connector (<see cref="FakeBotFrameworkChannel.InjectFaults"/>): each call to
/// <c>/v3/conversations…</c> is answered 429 (with <c>Retry-After</c>) at <see cref="RateLimitRate"/> and 502 at
/// <see cref="BadGatewayRate"/>, neither posting anything (the front door refused it), so a bot that sends again
/// delivers once and a bot that gives up after its retries loses the reply — which a test then sees.
/// </summary>
public sealed record FakeTeamsFaults
{
    public int Seed { get; init; } = 42;

    public double RateLimitRate { get; init; }

    public double BadGatewayRate { get; init; }

    /// <summary>The <c>Retry-After</c> of a 429, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}
