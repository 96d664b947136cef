using System.Diagnostics.CodeAnalysis;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>Parsing and arithmetic on the official <see cref="ResourceQuantity"/> (<c>512Mi</c>, <c>1.5Gi</c>, <c>250m</c>, <c>2</c>), which throws on bad text.</summary>
public static class ResourceQuantities
{
    /// <summary>Zero, as a quantity.</summary>
    public static ResourceQuantity Zero => new("0");

    private const string Grammar =
        "expected a number with an optional binary suffix (Ki, Mi, Gi, Ti, Pi, Ei), decimal suffix (n, u, m, k, M, G, T, P, E) " +
        "or decimal exponent (e3, E-2), such as \"512Mi\", \"250m\", \"1.5\" or \"1e3\"";

    private static readonly HashSet<string> Suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E"];

    /// <summary>Whether <paramref name="text"/> is a Kubernetes quantity; chat input goes through here, never the throwing constructor.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ResourceQuantity? quantity) =>
        TryParse(text, out quantity, out _);

    /// <summary>The quantity of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a quantity; the message says what is wrong with it (safe to show).</exception>
    public static ResourceQuantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    private static bool TryParse(string? text, [NotNullWhen(true)] out ResourceQuantity? quantity, [NotNullWhen(false)] out string? error)
    {
        quantity = null;
        error = Problem(text ?? string.Empty);
        if (error is not null)
        {
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(text);
            return true;
        }
        catch (Exception failure) when (failure is FormatException or ArgumentException or OverflowException)
        {
            error = $"'{text}' is not a valid Kubernetes quantity: the value is out of range.";
            return false;
        }
    }

    // <quantity> := <signedNumber><suffix> (k8s.io/apimachinery/pkg/api/resource); checked here so that the answer says what is wrong.
    private static string? Problem(string text)
    {
        if (text.Length == 0)
        {
            return $"'' is not a valid Kubernetes quantity: it is empty; {Grammar}.";
        }

        if (text.Length > 64)
        {
            return $"'{text[..64]}…' is not a valid Kubernetes quantity: it is too long.";
        }

        var end = text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var dots = 0;
        for (; end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'); end++)
        {
            if (text[end] == '.')
            {
                dots++;
            }
            else
            {
                digits++;
            }
        }

        if (digits == 0 || dots > 1)
        {
            return $"'{text}' is not a valid Kubernetes quantity: {(digits == 0 ? "it does not start with a number" : "the number has more than one decimal point")}; {Grammar}.";
        }

        var suffix = text[end..];
        var exponent = suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
        return Suffixes.Contains(suffix) || exponent ? null : $"'{text}' is not a valid Kubernetes quantity: unknown suffix '{suffix}'; {Grammar}.";
    }

    /// <summary>Bytes (or any unit count), rounded up as Kubernetes rounds a fractional byte.</summary>
    public static long ToBytes(this ResourceQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return decimal.ToInt64(decimal.Ceiling(quantity.ToDecimal()));
    }

    /// <summary>Millicores (or thousandths of any unit), rounded up.</summary>
    public static long ToMillis(this ResourceQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return decimal.ToInt64(decimal.Ceiling(quantity.ToDecimal() * 1000m));
    }
}
