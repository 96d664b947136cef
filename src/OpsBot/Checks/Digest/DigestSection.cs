namespace OpsBot.Checks;

/// <summary>One part of the digest: a title, its lines (most important first), and a command that shows all of it.</summary>
public sealed record DigestSection(string Title, IReadOnlyList<string> Lines, string? MoreCommand = null);
