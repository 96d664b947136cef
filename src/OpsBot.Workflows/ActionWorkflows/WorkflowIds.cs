using System.Security.Cryptography;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>Workflow ids: short (10 characters), URL-safe, unambiguous to read aloud, and random (≈50 bits).</summary>
public static class WorkflowIds
{
    // No 0/o, 1/l: ids get read out on calls and typed into /workflow show.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public const int Length = 10;

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="id"/> could be a workflow id (checked before it reaches the store or a reply).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
