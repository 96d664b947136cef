namespace OpsBot.Checks;

/// <summary>
/// What a check last said about one target (a certificate, a workload): its level (e.g. <c>28</c>, <c>expired</c>;
/// empty when all is well), the value it was about (a certificate's notAfter), the subject of the alert message (for
/// updates and thread follow-ups), and a version for optimistic writes, so that one replica says it once.
/// </summary>
public sealed record CheckAlertState(string Check, string Target, string Level, DateTimeOffset? Value, string? Subject, bool Muted, DateTimeOffset UpdatedAt, long Version);
