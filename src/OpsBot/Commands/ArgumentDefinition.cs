namespace OpsBot.Commands;

/// <summary>
/// A positional argument. When <see cref="ResourcePrefixes"/> is set the argument may be written
/// <c>pod/web-1</c> (any listed prefix) or just <c>web-1</c>; the parsed value is the bare name.
/// </summary>
/// <param name="Name">The name help shows (<c>NAME</c>), also the key in <see cref="ParsedCommand"/>.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Description">One line for help.</param>
public sealed record ArgumentDefinition(string Name, ValueKind Kind, string Description)
{
    public bool Required { get; init; }

    /// <summary>For <see cref="ValueKind.Text"/>: the longest value accepted.</summary>
    /// <value>The default is 200 characters.</value>
    public int MaxLength { get; init; } = 200;

    /// <summary>
    /// For the last argument: the words after the others, joined by one space, so that free text may go unquoted
    /// (<c>/incident note db failover started</c>). Quoting keeps the text as typed.
    /// </summary>
    public bool TakesRest { get; init; }

    /// <summary>Accepted <c>kind/</c> prefixes, e.g. <c>pod</c>, <c>pods</c>, <c>po</c>; the first is the one shown.</summary>
    public IReadOnlyList<string> ResourcePrefixes { get; init; } = [];

    /// <summary>What the object is called in messages (<c>pod</c>, <c>deployment</c>).</summary>
    public string? ObjectKind { get; init; }

    public string Syntax
    {
        get
        {
            var text = ResourcePrefixes.Count > 0 ? $"{ResourcePrefixes[0]}/{Name}" : Name;
            return Required ? text : $"[{text}]";
        }
    }
}
