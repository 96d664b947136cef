using Microsoft.Data.Sqlite;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>The values of <c>Storage:Provider</c>, and the database each one opens.</summary>
public static class StorageProviders
{
    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";

    /// <summary>
    /// The configured database: PostgreSQL from <see cref="StorageOptions.ConnectionString"/>, or SQLite at
    /// <c>&lt;DataDirectory&gt;/opsbot.db</c> (or at the SQLite connection string, when one is set).
    /// </summary>
    public static StoreDatabase Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            Postgres => new PostgresStoreDatabase(options.ConnectionString ?? string.Empty),
            _ when !string.IsNullOrWhiteSpace(options.ConnectionString) => OpenSqlite(options.ConnectionString),
            _ => SqliteStoreDatabase.InDirectory(options.DataDirectory),
        };
    }

    private static SqliteStoreDatabase OpenSqlite(string connectionString)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteStoreDatabase(connectionString);
    }
}
