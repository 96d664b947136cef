namespace OpsBot.Kubernetes;

/// <summary>
/// Guards every name that goes into a URL: no empty, dot or slash segments (which would address a
/// different resource), and the rest percent-escaped.
/// </summary>
internal static class PathSegment
{
    public static string Escape(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Length == 0 || value is "." or ".." || value.Contains('/') || value.Contains('\\'))
        {
            throw new ArgumentException($"'{value}' is not a valid {what}: it must be non-empty and contain no '/', and not be '.' or '..'.", what);
        }

        return Uri.EscapeDataString(value);
    }
}
