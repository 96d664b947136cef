using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>
/// A Kubernetes quantity (<c>512Mi</c>, <c>1.5Gi</c>, <c>250m</c>, <c>2</c>, <c>1e3</c>, <c>100k</c>) parsed exactly into a
/// <see cref="decimal"/>. The text it was read from is kept, so a round trip writes back exactly what was read (including
/// the JSON form: a quantity read from a JSON number is written as that number). Equality and ordering compare values:
/// <c>1Gi == 1024Mi</c>. https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
/// </summary>
[JsonConverter(typeof(ResourceQuantityJsonConverter))]
public readonly record struct ResourceQuantity : IComparable<ResourceQuantity>, IComparable, IParsable<ResourceQuantity>
{
    private const string Grammar =
        "expected a number with an optional binary suffix (Ki, Mi, Gi, Ti, Pi, Ei), decimal suffix (n, u, m, k, M, G, T, P, E) " +
        "or decimal exponent (e3, E-2), such as \"512Mi\", \"250m\", \"1.5\" or \"1e3\"";

    private const int MaxExponent = 28;

    private static readonly (string Suffix, long Factor)[] BinarySuffixes =
    [
        ("Ei", 1L << 60), ("Pi", 1L << 50), ("Ti", 1L << 40), ("Gi", 1L << 30), ("Mi", 1L << 20), ("Ki", 1L << 10),
    ];

    private readonly string? _text;
    private readonly decimal _value;
    private readonly bool _isJsonNumber;

    private ResourceQuantity(string text, decimal value, bool isJsonNumber)
    {
        _text = text;
        _value = value;
        _isJsonNumber = isJsonNumber;
    }

    /// <summary>The quantity <c>0</c> (also the default value).</summary>
    public static ResourceQuantity Zero => default;

    /// <summary>The text this quantity was read from or created with (<c>"0"</c> for the default value).</summary>
    public string Text => _text ?? "0";

    /// <summary>True when the quantity was read from a JSON number (<c>"cpu": 2</c>); it is then written back as a number.</summary>
    public bool IsJsonNumber => _isJsonNumber;

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> naming the bad text.</summary>
    public static ResourceQuantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, out var value, out var error)
            ? new ResourceQuantity(text, value, isJsonNumber: false)
            : throw new FormatException(error);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static ResourceQuantity Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Parses a quantity; false (and <see cref="Zero"/>) when the text is not a valid quantity.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ResourceQuantity quantity)
    {
        if (text is not null && TryParseCore(text, out var value, out _))
        {
            quantity = new ResourceQuantity(text, value, isJsonNumber: false);
            return true;
        }

        quantity = default;
        return false;
    }

    /// <inheritdoc cref="TryParse(string?, out ResourceQuantity)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ResourceQuantity result) =>
        TryParse(s, out result);

    /// <summary>A quantity read from a JSON number (its raw text), written back as that same number.</summary>
    internal static ResourceQuantity FromJsonNumber(string rawNumber) =>
        TryParseCore(rawNumber, out var value, out var error)
            ? new ResourceQuantity(rawNumber, value, isJsonNumber: true)
            : throw new FormatException(error);

    /// <summary>A byte count in its canonical form: the largest exact binary suffix (<c>512Mi</c>, <c>1Gi</c>), else plain bytes.</summary>
    public static ResourceQuantity FromBytes(long bytes)
    {
        if (bytes != 0)
        {
            foreach (var (suffix, factor) in BinarySuffixes)
            {
                if (bytes % factor == 0)
                {
                    return new ResourceQuantity((bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix, bytes, isJsonNumber: false);
                }
            }
        }

        return new ResourceQuantity(bytes.ToString(CultureInfo.InvariantCulture), bytes, isJsonNumber: false);
    }

    /// <summary>A CPU amount in millicores in its canonical form: whole cores (<c>2</c>) or millicores (<c>250m</c>).</summary>
    public static ResourceQuantity FromMillicores(long millicores) =>
        millicores % 1000 == 0
            ? new ResourceQuantity((millicores / 1000).ToString(CultureInfo.InvariantCulture), millicores / 1000, isJsonNumber: false)
            : new ResourceQuantity(millicores.ToString(CultureInfo.InvariantCulture) + "m", millicores / 1000m, isJsonNumber: false);

    /// <summary>A plain decimal quantity (<c>0.5</c>, <c>3</c>), written without trailing zeros.</summary>
    public static ResourceQuantity FromDecimal(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return new ResourceQuantity(text, value, isJsonNumber: false);
    }

    /// <summary>The exact value (<c>1.5Gi</c> → 1610612736, <c>250m</c> → 0.25).</summary>
    public decimal ToDecimal() => _value;

    /// <summary>The value in bytes, rounded up to a whole byte (like Kubernetes' <c>Value()</c>).</summary>
    /// <exception cref="OverflowException">The value does not fit a <see cref="long"/>.</exception>
    public long ToBytes() => decimal.ToInt64(decimal.Ceiling(_value));

    /// <summary>The value in thousandths, rounded up (CPU millicores, like Kubernetes' <c>MilliValue()</c>).</summary>
    /// <exception cref="OverflowException">The value does not fit a <see cref="long"/>.</exception>
    public long ToMillicores() => decimal.ToInt64(decimal.Ceiling(_value * 1000m));

    /// <summary>The value as a <see cref="double"/> (for ratios and display).</summary>
    public double ToDouble() => decimal.ToDouble(_value);

    public bool Equals(ResourceQuantity other) => _value == other._value;

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(ResourceQuantity other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ResourceQuantity other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(ResourceQuantity)}.", nameof(obj)),
    };

    /// <summary>The original text (<c>512Mi</c> stays <c>512Mi</c>).</summary>
    public override string ToString() => Text;

    public static bool operator <(ResourceQuantity left, ResourceQuantity right) => left.CompareTo(right) < 0;

    public static bool operator <=(ResourceQuantity left, ResourceQuantity right) => left.CompareTo(right) <= 0;

    public static bool operator >(ResourceQuantity left, ResourceQuantity right) => left.CompareTo(right) > 0;

    public static bool operator >=(ResourceQuantity left, ResourceQuantity right) => left.CompareTo(right) >= 0;

    private static bool TryParseCore(string text, out decimal value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (text.Length == 0)
        {
            error = $"'' is not a valid Kubernetes quantity: it is empty; {Grammar}.";
            return false;
        }

        // <signedNumber> := [+-]? (<digits> | <digits>.<digits>? | .<digits>)
        var end = text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var dots = 0;
        for (; end < text.Length; end++)
        {
            var c = text[end];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.')
            {
                dots++;
            }
            else
            {
                break;
            }
        }

        if (digits == 0 || dots > 1)
        {
            error = $"'{text}' is not a valid Kubernetes quantity: {(digits == 0 ? "it does not start with a number" : "the number has more than one decimal point")}; {Grammar}.";
            return false;
        }

        if (!decimal.TryParse(text.AsSpan(0, end), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{text}' is not a valid Kubernetes quantity: the number is out of range.";
            return false;
        }

        var suffix = text.AsSpan(end);
        try
        {
            if (TryScale(number, suffix, out value))
            {
                error = null;
                return true;
            }
        }
        catch (OverflowException)
        {
            error = $"'{text}' is not a valid Kubernetes quantity: the value is out of range.";
            return false;
        }

        error = $"'{text}' is not a valid Kubernetes quantity: unknown suffix '{suffix}'; {Grammar}.";
        return false;
    }

    private static bool TryScale(decimal number, ReadOnlySpan<char> suffix, out decimal value)
    {
        value = 0;
        if (suffix.Length == 0)
        {
            value = number;
            return true;
        }

        foreach (var (binary, factor) in BinarySuffixes)
        {
            if (suffix.SequenceEqual(binary))
            {
                value = number * factor;
                return true;
            }
        }

        if (suffix.Length == 1)
        {
            int? exponent = suffix[0] switch
            {
                'n' => -9,
                'u' => -6,
                'm' => -3,
                'k' => 3,
                'M' => 6,
                'G' => 9,
                'T' => 12,
                'P' => 15,
                'E' => 18,
                _ => null,
            };
            if (exponent is { } e)
            {
                value = ScaleByPowerOfTen(number, e);
                return true;
            }

            return false;
        }

        // <decimalExponent> := e <signedInteger> | E <signedInteger>
        if (suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var power)
            && char.IsAsciiDigit(suffix[^1])
            && Math.Abs(power) <= MaxExponent)
        {
            value = ScaleByPowerOfTen(number, power);
            return true;
        }

        return false;
    }

    private static decimal ScaleByPowerOfTen(decimal number, int exponent)
    {
        var result = number;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        for (var i = 0; i > exponent; i--)
        {
            result /= 10m;
        }

        return result;
    }
}
