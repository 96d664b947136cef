namespace OpsBot.Commands;

/// <summary>The input is not a valid command. The message says what is wrong; <see cref="Definition"/> (when known) gives the usage to show.</summary>
public sealed class CommandInputException : Exception
{
    public CommandInputException(string message, CommandDefinition? definition = null, CommandNode? node = null)
        : base(message)
    {
        Definition = definition;
        Node = node;
    }

    public CommandInputException()
    {
    }

    public CommandInputException(string message)
        : base(message)
    {
    }

    public CommandInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The command whose usage to show.</summary>
    public CommandDefinition? Definition { get; }

    /// <summary>The command group whose subcommands to list (e.g. <c>describe</c>), when no single command was reached.</summary>
    public CommandNode? Node { get; }
}
