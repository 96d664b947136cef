using OpsBot.Authorization;

namespace OpsBot.Commands;

/// <summary>
/// Everything the parser, help and authorization need to know about one command or subcommand,
/// declared by its handler: the words that select it, its flags and arguments, the permission it needs.
/// </summary>
/// <param name="Path">The words that select it, root first: <c>["k8s", "describe", "pod"]</c>.</param>
/// <param name="Summary">One line for help.</param>
/// <param name="Permission">What the user needs on the namespace it touches.</param>
public sealed record CommandDefinition(IReadOnlyList<string> Path, string Summary, Permission Permission)
{
    /// <summary>Other words for the last path element (<c>po</c>, <c>pods</c> for <c>pod</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public CommandScope Scope { get; init; } = CommandScope.Namespaced;

    /// <summary>Whether <c>-A</c> / <c>--all-namespaces</c> is offered (namespaced commands only).</summary>
    public bool AllowsAllNamespaces { get; init; }

    /// <summary>The command's own flags; <c>--cluster</c>, <c>-n</c> (and <c>-A</c>) are added from <see cref="Scope"/>.</summary>
    public IReadOnlyList<FlagDefinition> Flags { get; init; } = [];

    public IReadOnlyList<ArgumentDefinition> Arguments { get; init; } = [];

    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary><c>/k8s describe pod</c>.</summary>
    public string DisplayName => "/" + string.Join(' ', Path);

    /// <summary>Every flag the command accepts, the common ones included.</summary>
    public IReadOnlyList<FlagDefinition> AllFlags => [.. Flags, .. CommonFlags.For(this)];

    /// <summary><c>/k8s logs pod/NAME [-c CONTAINER] [--previous] …</c>.</summary>
    public string Usage =>
        string.Join(' ', new[] { DisplayName }
            .Concat(Arguments.Select(argument => argument.Syntax))
            .Concat(AllFlags.Select(flag => "[" + (flag.Short is { } s ? "-" + s : "--" + flag.Name) + (flag.Kind == ValueKind.Boolean ? string.Empty : " " + (flag.ValueName ?? flag.Kind.ToString().ToUpperInvariant())) + "]")));
}
