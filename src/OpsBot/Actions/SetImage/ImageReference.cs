using System.Text.RegularExpressions;

namespace OpsBot.Actions.SetImage;

/// <summary>
/// Container image references as the container runtimes parse them: <c>[registry[:port]/]path[:tag][@digest]</c>,
/// lower-case path components, a tag of at most 128 characters, a <c>sha256:</c> digest.
/// </summary>
// https://github.com/distribution/reference/blob/main/reference.go (the grammar)
public static partial class ImageReference
{
    private const int MaxNameLength = 255;

    /// <summary>Why <paramref name="image"/> is not a valid reference with a tag or digest; <see langword="null"/> when it is.</summary>
    public static string? Validate(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return "the image is empty";
        }

        var match = Reference().Match(image);
        if (!match.Success)
        {
            return "an image is [REGISTRY[:PORT]/]PATH:TAG or …@sha256:DIGEST: lower-case path components of letters, digits and . _ - separators, a tag of letters, digits, '.', '_' or '-' (at most 128)";
        }

        if (match.Groups["name"].Length > MaxNameLength)
        {
            return $"the repository name is longer than {MaxNameLength} characters";
        }

        return match.Groups["tag"].Success || match.Groups["digest"].Success
            ? null
            : "give a tag or a digest (IMAGE:TAG), so that the rollout is reproducible";
    }

    [GeneratedRegex(
        @"^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Reference();
}
