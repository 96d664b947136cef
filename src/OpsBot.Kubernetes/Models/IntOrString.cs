using System.Globalization;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>
/// A value that is either an integer or a string (a rolling update's <c>maxSurge</c> <c>1</c> or <c>"25%"</c>, a probe's
/// port <c>8080</c> or <c>"http"</c>). It keeps which form it was, so a round trip writes the same JSON.
/// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/int-or-string/
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private readonly int _intValue;
    private readonly string? _stringValue;

    private IntOrString(int intValue, string? stringValue)
    {
        _intValue = intValue;
        _stringValue = stringValue;
    }

    /// <summary>True for the integer form (also the default value, 0).</summary>
    public bool IsInt => _stringValue is null;

    /// <summary>True for a string ending in <c>%</c>.</summary>
    public bool IsPercent => _stringValue is not null && _stringValue.EndsWith('%');

    /// <summary>The integer; throws for the string form.</summary>
    public int IntValue => IsInt ? _intValue : throw new InvalidOperationException($"IntOrString holds the string \"{_stringValue}\", not an integer.");

    /// <summary>The string, or null for the integer form.</summary>
    public string? StringValue => _stringValue;

    public static IntOrString FromInt32(int value) => new(value, null);

    public static IntOrString FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new IntOrString(0, value);
    }

    public static implicit operator IntOrString(int value) => FromInt32(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// An absolute count: the integer itself, or a percentage of <paramref name="total"/> rounded up or down (like
    /// Kubernetes' <c>GetScaledValueFromIntOrPercent</c>: maxSurge rounds up, maxUnavailable rounds down).
    /// </summary>
    /// <exception cref="FormatException">The string form is not a percentage such as <c>25%</c>.</exception>
    public int GetScaledValue(int total, bool roundUp)
    {
        if (IsInt)
        {
            return _intValue;
        }

        if (!IsPercent || !int.TryParse(_stringValue.AsSpan(0, _stringValue!.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"'{_stringValue}' is neither an integer nor a percentage such as \"25%\".");
        }

        var scaled = (long)total * percent;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    /// <summary>The integer as text, or the string.</summary>
    public override string ToString() => _stringValue ?? _intValue.ToString(CultureInfo.InvariantCulture);
}
