using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>An IntOrString such as <c>maxSurge: 25%</c>, scaled against a total (intstr.GetScaledValueFromIntOrPercent).</summary>
internal static class IntOrPercent
{
    public static int Scaled(JsonNode? value, int total, bool roundUp, string fallback)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            return ScaledText(text, total, roundUp);
        }

        return value is JsonValue number && Store.ObjectMeta.Int64(number) is { } n ? (int)n : ScaledText(fallback, total, roundUp);
    }

    private static int ScaledText(string text, int total, bool roundUp)
    {
        if (!text.EndsWith('%'))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
        }

        var percent = int.Parse(text[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture);
        var scaled = (decimal)percent * total / 100m;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
