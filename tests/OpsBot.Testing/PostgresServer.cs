using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace OpsBot.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server for tests: Debian's binaries (<c>/usr/lib/postgresql/*/bin</c>), a new
/// cluster in a temp folder, listening on a free loopback port (password auth, scram-sha-256) and on a unix socket
/// in that folder (trust, for setup); stopped and deleted on dispose. PostgreSQL refuses to run as root, so as root
/// the server runs as the <c>postgres</c> OS user. Missing binaries fail the test with how to install them — never skip.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The non-superuser role tests connect as, owner of every database <see cref="CreateDatabaseAsync"/> makes.</summary>
    public const string User = "opsbot";

    private const string SuperUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _root;
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private NpgsqlDataSource? _admin;
    private int _databases;
    private bool _stopped;

    private PostgresServer(string root, string binDirectory, bool asPostgresUser, int port)
    {
        _root = root;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        Port = port;
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    }

    /// <summary>The loopback TCP port.</summary>
    public int Port { get; }

    /// <summary>The password of <see cref="User"/> (random per server).</summary>
    public string Password { get; }

    /// <summary>The server's version string, e.g. <c>15.14 (Debian 15.14-0+deb12u1)</c>.</summary>
    public string ServerVersion { get; private set; } = string.Empty;

    /// <summary>How long <see cref="StartAsync"/> took (initdb, start, role): reported by the tests, never asserted.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The folder holding the cluster, its log and its unix socket.</summary>
    public string Directory => _root;

    /// <summary>Creates a cluster and starts it; fails with what to install when PostgreSQL is missing.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var binDirectory = FindBinDirectory();
        var asPostgresUser = Environment.UserName == "root";
        // As root, under /tmp: the postgres user must be able to reach the folder, and TMPDIR may point into /root.
        var root = asPostgresUser
            ? System.IO.Directory.CreateDirectory(Path.Combine("/tmp", "opsbot-pg-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant())).FullName
            : System.IO.Directory.CreateTempSubdirectory("opsbot-pg-").FullName;
        var server = new PostgresServer(root, binDirectory, asPostgresUser, FreePort());
        try
        {
            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            server.StartupTime = clock.Elapsed;
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A new, empty database owned by <see cref="User"/>; returns its connection string (TCP, password auth).</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"opsbot_test_{Interlocked.Increment(ref _databases)}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}");
        await using var command = Admin.CreateCommand($"CREATE DATABASE {name} OWNER {User}");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>The connection string of <see cref="User"/> to <paramref name="database"/> over TCP with the password.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Database = database,
        Username = User,
        Password = Password,
    }.ToString();

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }

        await StopAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private NpgsqlDataSource Admin => _admin ?? throw new InvalidOperationException("The server has not started.");

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var data = Path.Combine(_root, "data");
        var passwordFile = Path.Combine(_root, "superuser-password");
        await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), cancellationToken).ConfigureAwait(false);
        if (_asPostgresUser)
        {
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _root], asPostgresUser: false, cancellationToken).ConfigureAwait(false);
        }

        // https://www.postgresql.org/docs/current/app-initdb.html
        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", data, "-U", SuperUser, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "--no-locale", "--encoding=UTF8", "--no-sync"],
            _asPostgresUser, cancellationToken).ConfigureAwait(false);

        await StartServerAsync(cancellationToken).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;

        _admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
        {
            Host = _root,
            Port = Port,
            Username = SuperUser,
            Database = "postgres",
        }.ToString());
        await using (var role = _admin.CreateCommand($"CREATE ROLE {User} LOGIN PASSWORD '{Password}'"))
        {
            await role.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var version = _admin.CreateCommand("SHOW server_version");
        ServerVersion = (string)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Restarts the server on the same data folder and port, as an operator or a failover would: every connection is
    /// cut (<c>pg_ctl stop -m fast</c>: sessions terminated, open transactions rolled back), the server stays down for
    /// <paramref name="downtime"/>, then starts again with the same settings. Connection strings stay valid.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime = default, CancellationToken cancellationToken = default)
    {
        await TakeDownAsync(cancellationToken).ConfigureAwait(false);
        if (downtime > TimeSpan.Zero)
        {
            await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
        }

        await BringUpAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first half of <see cref="RestartAsync"/>: every connection cut and the server down (connections refused) until
    /// <see cref="BringUpAsync"/>, for a test that acts while the database is unavailable.
    /// </summary>
    public async Task TakeDownAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "fast", "-w", "-t", "60", "stop"], _asPostgresUser, cancellationToken).ConfigureAwait(false);
        Restarts++;
    }

    /// <summary>Starts the server taken down by <see cref="TakeDownAsync"/> again, with the same settings, data and port.</summary>
    public async Task BringUpAsync(CancellationToken cancellationToken = default)
    {
        await StartServerAsync(cancellationToken).ConfigureAwait(false);
        // Pooled admin connections were cut with the rest.
        _admin?.Clear();
    }

    /// <summary>How many times <see cref="RestartAsync"/> restarted the server.</summary>
    public int Restarts { get; private set; }

    // A throwaway cluster: durability off for speed, room for 50 concurrent connections per test and then some.
    private Task StartServerAsync(CancellationToken cancellationToken)
    {
        var settings = string.Join(' ',
            $"-c port={Port.ToString(CultureInfo.InvariantCulture)}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={_root}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300");
        return RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", Path.Combine(_root, "data"), "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60", "-o", settings, "start"],
            _asPostgresUser, cancellationToken);
    }

    private async Task StopAsync()
    {
        if (_stopped || !File.Exists(Path.Combine(_root, "data", "postmaster.pid")))
        {
            return;
        }

        _stopped = true;
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], _asPostgresUser, CancellationToken.None).ConfigureAwait(false);
    }

    // A test run that ends without disposing the fixture must not leave a server running.
    private void StopOnExit(object? sender, EventArgs e) => StopAsync().GetAwaiter().GetResult();

    private async Task RunAsync(string executable, IReadOnlyList<string> arguments, bool asPostgresUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        if (asPostgresUser)
        {
            foreach (var argument in (string[])["-u", SuperUser, "--", executable])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in start.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} did not finish within {CommandTimeout.TotalSeconds:0} s");
        }

        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "postgres.log");
            var serverLog = File.Exists(log) ? "\nServer log:\n" + await File.ReadAllTextAsync(log, cancellationToken).ConfigureAwait(false) : string.Empty;
            throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}{serverLog}");
        }
    }

    private static string FindBinDirectory()
    {
        const string Debian = "/usr/lib/postgresql";
        var candidates = System.IO.Directory.Exists(Debian)
            ? System.IO.Directory.GetDirectories(Debian)
                .Select(directory => (Version: int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0, Bin: Path.Combine(directory, "bin")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var found = candidates.Concat(path).FirstOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")));
        if (found is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL's server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. The store contract tests run " +
                "against a real PostgreSQL that they start themselves: install it with `apt-get install postgresql` (Debian; .ci/run does).");
        }

        if (Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
        {
            throw new InvalidOperationException("Running as root, and PostgreSQL refuses root: the tests run it as the postgres user with runuser, which is missing (util-linux).");
        }

        return found;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
