namespace OpsBot.Commands;

/// <summary>A flag of a command: <c>--tail 50</c>, <c>--tail=50</c>, <c>-c app</c>, <c>--previous</c>.</summary>
/// <param name="Name">The long name without dashes (<c>tail</c>); also the key in <see cref="ParsedCommand"/>.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Description">One line for help.</param>
public sealed record FlagDefinition(string Name, ValueKind Kind, string Description)
{
    /// <summary>The one-letter alias without the dash (<c>n</c> for <c>-n</c>), if any.</summary>
    public char? Short { get; init; }

    /// <summary>What help shows for the value (<c>NAMESPACE</c>, <c>N</c>).</summary>
    public string? ValueName { get; init; }

    /// <summary>For <see cref="ValueKind.Integer"/>: the smallest accepted value.</summary>
    public int Min { get; init; } = int.MinValue;

    /// <summary>For <see cref="ValueKind.Integer"/>: the largest accepted value.</summary>
    public int Max { get; init; } = int.MaxValue;

    /// <summary>What help says applies when the flag is absent.</summary>
    public string? DefaultText { get; init; }

    /// <summary>How help spells it: <c>-n, --namespace NAMESPACE</c>.</summary>
    public string Syntax =>
        (Short is { } s ? $"-{s}, " : string.Empty) + "--" + Name + (Kind == ValueKind.Boolean ? string.Empty : " " + (ValueName ?? Kind.ToString().ToUpperInvariant()));
}
