using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private static readonly StorageOptionsValidator Validator = new();

    [Fact]
    public void Sqlite_Default_IsValid()
    {
        Assert.True(Validator.Validate(null, new StorageOptions()).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Postgres_WithoutConnectionString_SaysWhatToSet(string? connectionString)
    {
        var result = Validator.Validate(null, new StorageOptions { Provider = "Postgres", ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("Storage:Provider is Postgres but Storage:ConnectionString is empty", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Storage__ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Pasword=hunter2-secret", "Pasword")]
    [InlineData("Host=db;Port=notaport;Password=hunter2-secret", "port")]
    [InlineData("Database=opsbot;Password=hunter2-secret", "no Host")]
    public void Postgres_InvalidConnectionString_NamesTheProblemNotThePassword(string connectionString, string named)
    {
        var result = Validator.Validate(null, new StorageOptions { Provider = "Postgres", ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_WithAValidConnectionString_IsValid()
    {
        Assert.True(Validator.Validate(null, new StorageOptions { Provider = "Postgres", ConnectionString = "Host=db;Database=opsbot;Username=opsbot;Password=x" }).Succeeded);
    }
}
