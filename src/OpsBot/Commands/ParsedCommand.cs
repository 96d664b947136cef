namespace OpsBot.Commands;

/// <summary>A command the parser accepted: every value already validated and typed.</summary>
/// <param name="Definition">Which command.</param>
/// <param name="Values">Flag and argument values by name (<see cref="string"/>, <see cref="int"/>, <see cref="TimeSpan"/> or <see cref="bool"/>).</param>
/// <param name="Text">The text as typed.</param>
public sealed record ParsedCommand(CommandDefinition Definition, IReadOnlyDictionary<string, object> Values, string Text)
{
    public bool Has(string name) => Values.ContainsKey(name);

    public string? GetString(string name) => Values.TryGetValue(name, out var value) ? value as string : null;

    public int? GetInt(string name) => Values.TryGetValue(name, out var value) && value is int number ? number : null;

    public TimeSpan? GetDuration(string name) => Values.TryGetValue(name, out var value) && value is TimeSpan duration ? duration : null;

    public bool GetBool(string name) => Values.TryGetValue(name, out var value) && value is true;

    /// <summary>The <c>-n</c> value, when given.</summary>
    public string? Namespace => GetString(CommonFlags.Namespace);

    /// <summary>Whether <c>-A</c> was given.</summary>
    public bool AllNamespaces => GetBool(CommonFlags.AllNamespaces);

    /// <summary>The <c>--cluster</c> value, when given.</summary>
    public string? Cluster => GetString(CommonFlags.Cluster);
}
