namespace OpsBot.Audit;

/// <summary>Where every command, denial and action is recorded. Kept small: a persistent store implements it later.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}
