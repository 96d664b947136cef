using System.Text;

namespace OpsBot.Checks;

/// <summary>A Unicode sparkline (<c>▁▂▃▄▅▆▇█</c>): one bar per value, scaled to the largest; zero is the lowest bar.</summary>
public static class Sparkline
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    public static string Of(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var max = list.DefaultIfEmpty(0).Max();
        var text = new StringBuilder(list.Count);
        foreach (var value in list)
        {
            text.Append(max <= 0 || value <= 0 ? Bars[0] : Bars[Math.Clamp((int)Math.Ceiling(value * (Bars.Length - 1.0) / max), 1, Bars.Length - 1)]);
        }

        return text.ToString();
    }
}
