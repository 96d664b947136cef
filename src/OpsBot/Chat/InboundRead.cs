namespace OpsBot.Chat;

/// <summary>
/// What reading an inbound body gave: a <see cref="Value"/> to act on, a body to acknowledge and leave alone
/// (<see cref="Ignored"/> says why, e.g. an interaction type OpsBot does not use), or a <see cref="Refusal"/>: the body
/// has the wrong shape, and the caller answers 400 with this reason and logs it once.
/// </summary>
public readonly record struct InboundRead<T>(T? Value, string? Refusal = null, string? Ignored = null)
    where T : class
{
    public static InboundRead<T> Refuse(string reason) => new(null, reason);

    public static InboundRead<T> Ignore(string why) => new(null, null, why);

    public static implicit operator InboundRead<T>(T value) => new(value);
}
