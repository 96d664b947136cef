using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpsBot.Storage.Migrations;

namespace OpsBot.Storage.Sql;

/// <summary>
/// The embedded default: one SQLite file (<c>&lt;DataDirectory&gt;/opsbot.db</c>) in WAL mode, so readers
/// never block the writer, with a busy timeout so that concurrent writers wait instead of failing.
/// </summary>
public sealed class SqliteStoreDatabase : StoreDatabase
{
    /// <summary>The file name under the data directory.</summary>
    public const string FileName = "opsbot.db";

    // Fixed width, UTC, microseconds: text order is time order, so indexes and comparisons work on the text.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    // https://www.sqlite.org/pragma.html#pragma_busy_timeout: per connection, so on every open (pooled connections keep it).
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    // https://www.sqlite.org/wal.html: persistent in the file, so once per instance.
    private const string WalMode = "PRAGMA journal_mode = WAL;";

    private readonly string _connectionString;
    private volatile bool _walChecked;

    /// <summary>A database from a Microsoft.Data.Sqlite connection string (<c>Data Source=…</c>).</summary>
    public SqliteStoreDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new ArgumentException("The SQLite store needs a file (Data Source=path): an in-memory database would vanish with its connection.", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        _connectionString = builder.ToString();
        FilePath = builder.DataSource;
    }

    /// <summary>The database at <c>&lt;directory&gt;/opsbot.db</c>, creating the directory if needed.</summary>
    public static SqliteStoreDatabase InDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        return new SqliteStoreDatabase(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, FileName) }.ToString());
    }

    public string FilePath { get; }

    public override string Provider => "Sqlite";

    public override string Location => FilePath;

    public override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand(_walChecked ? ConnectionPragmas : ConnectionPragmas + WalMode);
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _walChecked = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // BEGIN IMMEDIATE takes the write lock up front (waiting out the busy timeout): one migrator at a time.
    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override object ToTimeValue(DateTimeOffset time) =>
        StoredTime.UtcInstant(time).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int timeOrdinal, int offsetOrdinal)
    {
        var instant = DateTime.ParseExact(reader.GetString(timeOrdinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return StoredTime.Restore(instant, reader.GetInt32(offsetOrdinal));
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; a disposed store lets it go (tests delete it, a restart reopens it).
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
