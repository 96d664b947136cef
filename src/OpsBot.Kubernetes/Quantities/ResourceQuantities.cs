using System.Diagnostics.CodeAnalysis;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>Parsing and arithmetic on the official <see cref="ResourceQuantity"/> (<c>512Mi</c>, <c>1.5Gi</c>, <c>250m</c>, <c>2</c>), which throws on bad text.</summary>
public static class ResourceQuantities
{
    /// <summary>Zero, as a quantity.</summary>
    public static ResourceQuantity Zero => new("0");

    /// <summary>Whether <paramref name="text"/> is a Kubernetes quantity; chat input goes through here, never the throwing constructor.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ResourceQuantity? quantity)
    {
        quantity = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64 || text.Trim() != text)
        {
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(text);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The quantity of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a quantity.</exception>
    public static ResourceQuantity Parse(string text) =>
        TryParse(text, out var quantity) ? quantity : throw new FormatException($"'{text}' is not a Kubernetes quantity (e.g. 512Mi, 1.5Gi, 250m, 2).");

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
