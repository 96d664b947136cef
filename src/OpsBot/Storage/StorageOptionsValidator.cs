using Microsoft.Extensions.Options;
using Npgsql;

namespace OpsBot.Storage;

/// <summary>
/// Checks <c>Storage</c> at start, beyond its data annotations: PostgreSQL needs a connection string that
/// parses. Messages say what to fix and never repeat the connection string (it holds the password).
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != StorageProviders.Postgres)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Storage:Provider is Postgres but Storage:ConnectionString is empty: set it (environment variable " +
                "Storage__ConnectionString), e.g. 'Host=db;Port=5432;Database=opsbot;Username=opsbot;Password=…'.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                return ValidateOptionsResult.Fail("Storage:ConnectionString has no Host: add 'Host=<server>' (PostgreSQL's address).");
            }
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql names the offending keyword, not its value.
            return ValidateOptionsResult.Fail($"Storage:ConnectionString is not a valid PostgreSQL connection string ({error.Message}); see https://www.npgsql.org/doc/connection-string-parameters.html.");
        }

        return ValidateOptionsResult.Success;
    }
}
