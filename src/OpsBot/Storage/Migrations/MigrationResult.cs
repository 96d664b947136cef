namespace OpsBot.Storage.Migrations;

/// <summary>What a migration run did.</summary>
/// <param name="Version">The schema version the database is at now.</param>
/// <param name="Applied">The versions this run applied (empty when the database was up to date).</param>
public sealed record MigrationResult(int Version, IReadOnlyList<int> Applied);
