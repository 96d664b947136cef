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

    /// <summary>
    /// The address people reach OpsBot's HTTP endpoints at from their chat (behind a proxy or ingress: its public URL,
    /// e.g. <c>https://opsbot.example.com</c>), so that links OpsBot posts (the postmortem on Teams) open from anywhere.
    /// Absolute http(s), no query or fragment.
    /// </summary>
    /// <value>The default value is none: links are written as paths (<c>/api/incidents/INC-2026-0042/postmortem.md</c>).</value>
    public string? PublicUrl { get; set; }

    /// <summary>The absolute link to <paramref name="path"/> under <see cref="PublicUrl"/>, or the path itself without one.</summary>
    public string Link(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.IsNullOrWhiteSpace(PublicUrl) ? path : PublicUrl.Trim().TrimEnd('/') + "/" + path.TrimStart('/');
    }

    public bool IsLoopbackOnly => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsLoopback);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsLoopbackOnly && string.IsNullOrWhiteSpace(Token))
        {
            yield return new ValidationResult(
                $"Console:Token is required because Console:Urls ({Urls}) listens beyond loopback: set Console__Token to a long random value.",
                [nameof(Token)]);
        }

        if (!string.IsNullOrWhiteSpace(PublicUrl)
            && (!Uri.TryCreate(PublicUrl.Trim(), UriKind.Absolute, out var publicUrl) || (publicUrl.Scheme != Uri.UriSchemeHttps && publicUrl.Scheme != Uri.UriSchemeHttp)
                || publicUrl.Query.Length > 0 || publicUrl.Fragment.Length > 0 || publicUrl.UserInfo.Length > 0))
        {
            yield return new ValidationResult(
                "Console:PublicUrl must be the absolute http(s) address people reach OpsBot at, without a query, fragment or credentials (e.g. https://opsbot.example.com).",
                [nameof(PublicUrl)]);
        }
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url.Trim().Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host == "localhost");
}
