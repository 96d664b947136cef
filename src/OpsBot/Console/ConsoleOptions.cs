using System.ComponentModel.DataAnnotations;

namespace OpsBot.Console;

/// <summary>The web console and its JSON API.</summary>
public sealed class ConsoleOptions : IValidatableObject
{
    public const string Section = "Console";

    /// <summary>Where the console (and every HTTP endpoint) listens.</summary>
    /// <value>The default value is <c>http://127.0.0.1:5080</c>.</value>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Bearer token the console API demands; required when <see cref="Urls"/> is not loopback only.</summary>
    public string? Token { get; set; }

    public bool IsLoopbackOnly => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsLoopback);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsLoopbackOnly && string.IsNullOrWhiteSpace(Token))
        {
            yield return new ValidationResult(
                $"Console:Token is required because Console:Urls ({Urls}) listens beyond loopback: set Console__Token to a long random value.",
                [nameof(Token)]);
        }
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url.Trim().Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host == "localhost");
}
