namespace OpsBot.Tests.Storage;

/// <summary>Every test class that needs PostgreSQL joins this collection (they share one server and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
