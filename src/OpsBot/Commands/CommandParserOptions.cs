namespace OpsBot.Commands;

/// <summary>Limits on what the parser accepts.</summary>
public sealed record CommandParserOptions
{
    /// <summary>The longest command text accepted.</summary>
    /// <value>The default is 1,000 characters.</value>
    public int MaxLength { get; init; } = 1_000;

    /// <summary>The most words accepted.</summary>
    /// <value>The default is 40.</value>
    public int MaxWords { get; init; } = 40;
}
