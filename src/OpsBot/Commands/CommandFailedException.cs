namespace OpsBot.Commands;

/// <summary>A handler's plain answer for a request that cannot be served ("deployment frontend not found in namespace shop").</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
