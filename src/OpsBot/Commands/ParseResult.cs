namespace OpsBot.Commands;

/// <summary>What the parser made of the input: a command to run, or a request for help.</summary>
public sealed record ParseResult
{
    /// <summary>The command to run; <see langword="null"/> when help was asked for.</summary>
    public ParsedCommand? Command { get; init; }

    /// <summary>Whether the user asked for help (<c>/k8s help</c>, <c>/k8s pods --help</c>, a bare <c>/k8s</c>).</summary>
    public bool IsHelp { get; init; }

    /// <summary>What to explain; <see langword="null"/> with <see cref="IsHelp"/> means every command.</summary>
    public CommandNode? HelpFor { get; init; }
}
