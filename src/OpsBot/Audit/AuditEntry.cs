using OpsBot.Chat;

namespace OpsBot.Audit;

/// <summary>One audited request: who, where, what, and how it ended.</summary>
/// <param name="Time">When it happened (from the injected <see cref="TimeProvider"/>).</param>
/// <param name="Platform">Where the request came from.</param>
/// <param name="User">The platform user id.</param>
/// <param name="Channel">The platform channel id.</param>
/// <param name="CommandText">The command as typed (capped in length).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">Why (denial reason, error message), or what was touched.</param>
/// <param name="CorrelationId">Ties the entry to logs and the reply.</param>
/// <remarks>Workflow decisions (requested, approved, executed, break-glass …) are entries too, with their <see cref="Subject"/>.</remarks>
public sealed record AuditEntry(
    DateTimeOffset Time,
    ChatPlatform Platform,
    string User,
    string Channel,
    string CommandText,
    AuditOutcome Outcome,
    string? Detail,
    string CorrelationId)
{
    /// <summary>What the entry is about beyond the command, e.g. <c>workflow:3f2a…</c>; <see langword="null"/> for plain commands.</summary>
    public string? Subject { get; init; }
}
