namespace OpsBot.Storage.Migrations;

/// <summary>The database's schema cannot be used by this build (e.g. it is newer); the message says what to do.</summary>
public sealed class StoreSchemaException : Exception
{
    public StoreSchemaException()
    {
    }

    public StoreSchemaException(string message)
        : base(message)
    {
    }

    public StoreSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
