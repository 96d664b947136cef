using System.Data.Common;
using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;

namespace OpsBot.Tests.Storage;

/// <summary>A real database seen through another list of migrations: an older build, or a newer one with a broken step.</summary>
public sealed class MigrationOverride(StoreDatabase inner, IReadOnlyList<Migration> migrations) : StoreDatabase
{
    public override string Provider => inner.Provider;

    public override string Location => inner.Location;

    public override IReadOnlyList<Migration> Migrations => migrations;

    public override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => inner.OpenConnectionAsync(cancellationToken);

    public override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        inner.BeginMigrationAsync(connection, cancellationToken);

    public override object ToTimeValue(DateTimeOffset time) => inner.ToTimeValue(time);

    public override DateTimeOffset ReadTime(DbDataReader reader, int timeOrdinal, int offsetOrdinal) => inner.ReadTime(reader, timeOrdinal, offsetOrdinal);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
