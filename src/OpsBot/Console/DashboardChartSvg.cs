using System.Globalization;
using System.Net;
using System.Text;

namespace OpsBot.Console;

/// <summary>
/// The dashboard's charts as standalone SVG, drawn on the server (no charting library, nothing from a CDN). Every label
/// comes from the cluster (workload and certificate names), so each one is XML-escaped; numbers are formatted invariantly.
/// </summary>
public static class DashboardChartSvg
{
    public const int Width = 640;

    /// <summary>Colours of the series, in order (readable on the console's dark panel).</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#4fc3f7", "#ffb74d", "#e57373", "#81c784", "#ba68c8", "#fff176"];

    private const int Left = 44;
    private const int Right = 12;
    private const int Top = 12;
    private const int PlotHeight = 160;

    /// <summary>
    /// Restarts per sampling interval over time, one line (<c>path.series</c>, <c>data-workload</c>) per workload, on a shared
    /// time axis from <paramref name="from"/> to <paramref name="to"/>; a legend with each workload's total below.
    /// </summary>
    public static string RestartLines(IReadOnlyList<DashboardRestartLine> lines, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var legendHeight = 18 * Math.Max(1, lines.Count);
        var height = Top + PlotHeight + 24 + legendHeight;
        var svg = Open(height, "Restarts per sampling interval of the most restarting workloads");
        if (lines.Count == 0)
        {
            svg.Append(Text(Left, Top + (PlotHeight / 2), "No restarts in the sampled window.", "empty"));
            return Close(svg);
        }

        var max = Math.Max(1, lines.Max(line => line.Points.Count == 0 ? 0 : line.Points.Max(point => point.Restarts)));
        var plotWidth = Width - Left - Right;
        var span = Math.Max(1, (to - from).TotalSeconds);
        double X(DateTimeOffset at) => Left + (plotWidth * Math.Clamp((at - from).TotalSeconds / span, 0, 1));
        double Y(int restarts) => Top + PlotHeight - (PlotHeight * (double)restarts / max);

        Axes(svg, plotWidth, max.ToString(CultureInfo.InvariantCulture), Format(from), Format(to));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var color = Palette[i % Palette.Count];
            var path = new StringBuilder();
            foreach (var point in line.Points)
            {
                path.Append(path.Length == 0 ? "M" : " L").Append(Number(X(point.At))).Append(' ').Append(Number(Y(point.Restarts)));
            }

            svg.Append("<path class=\"series\" data-workload=\"").Append(Escape(line.Label)).Append("\" fill=\"none\" stroke=\"").Append(color)
                .Append("\" stroke-width=\"2\" d=\"").Append(path).Append("\"><title>").Append(Escape($"{line.Label}: {line.Total} restarts")).Append("</title></path>");
            foreach (var point in line.Points.Where(point => point.Restarts > 0))
            {
                svg.Append("<circle class=\"point\" r=\"2.5\" fill=\"").Append(color).Append("\" cx=\"").Append(Number(X(point.At))).Append("\" cy=\"").Append(Number(Y(point.Restarts))).Append("\"/>");
            }

            var y = Top + PlotHeight + 30 + (i * 18);
            svg.Append("<rect class=\"swatch\" x=\"").Append(Left).Append("\" y=\"").Append(y - 9).Append("\" width=\"10\" height=\"10\" fill=\"").Append(color).Append("\"/>");
            svg.Append(Text(Left + 16, y, $"{line.Label} — {line.Total} restarts", "legend"));
        }

        return Close(svg);
    }

    /// <summary>
    /// Days left per certificate as horizontal bars (<c>rect.bar</c>, <c>data-certificate</c>), soonest first, up to
    /// <paramref name="scaleDays"/>; expired ones are a red mark at zero saying how long ago.
    /// </summary>
    public static string CertificateBars(IReadOnlyList<DashboardCertificateBar> bars, int scaleDays)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int row = 22;
        const int labelWidth = 250;
        var height = Top + (row * Math.Max(1, bars.Count)) + 8;
        var svg = Open(height, "Days left per TLS certificate");
        if (bars.Count == 0)
        {
            svg.Append(Text(Left, Top + 14, "No certificate seen yet: cert-expiry has not run.", "empty"));
            return Close(svg);
        }

        var barSpace = Width - labelWidth - 90;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * row);
            var color = bar.DaysLeft <= 0 ? "#e57373" : bar.DaysLeft < 7 ? "#e57373" : bar.DaysLeft < 28 ? "#ffb74d" : "#81c784";
            var width = bar.DaysLeft <= 0 ? 4 : Math.Max(2, barSpace * Math.Min(bar.DaysLeft, scaleDays) / scaleDays);
            svg.Append(Text(labelWidth - 6, y + 14, bar.Label, "label", anchor: "end"));
            svg.Append("<rect class=\"bar\" data-certificate=\"").Append(Escape(bar.Label)).Append("\" x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 3)
                .Append("\" height=\"").Append(row - 8).Append("\" width=\"").Append(Number(width)).Append("\" fill=\"").Append(color).Append("\"><title>")
                .Append(Escape($"{bar.Label}: {Days(bar.DaysLeft)}")).Append("</title></rect>");
            svg.Append(Text(labelWidth + (int)width + 6, y + 14, Days(bar.DaysLeft), "value"));
        }

        return Close(svg);
    }

    /// <summary>Text for XML: element content and attribute values alike.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static StringBuilder Open(int height, string title) => new StringBuilder()
        .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
        .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(height).Append("\" font-family=\"ui-monospace, monospace\" font-size=\"11\"><title>")
        .Append(Escape(title)).Append("</title>");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, int plotWidth, string maxLabel, string fromLabel, string toLabel)
    {
        var bottom = Top + PlotHeight;
        svg.Append("<g class=\"axes\" stroke=\"#6b7785\" stroke-width=\"1\">")
            .Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Left).Append("\" y2=\"").Append(bottom).Append("\"/>")
            .Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(bottom).Append("\" x2=\"").Append(Left + plotWidth).Append("\" y2=\"").Append(bottom).Append("\"/></g>");
        svg.Append(Text(Left - 6, Top + 10, maxLabel, "tick", anchor: "end"));
        svg.Append(Text(Left - 6, bottom, "0", "tick", anchor: "end"));
        svg.Append(Text(Left, bottom + 16, fromLabel, "tick"));
        svg.Append(Text(Left + plotWidth, bottom + 16, toLabel, "tick", anchor: "end"));
    }

    private static string Text(double x, double y, string text, string cssClass, string anchor = "start") =>
        $"<text class=\"{cssClass}\" x=\"{Number(x)}\" y=\"{Number(y)}\" fill=\"#c9d1d9\" text-anchor=\"{anchor}\">{Escape(text)}</text>";

    private static string Days(double daysLeft) => daysLeft <= 0
        ? $"expired {Math.Floor(-daysLeft).ToString(CultureInfo.InvariantCulture)} d ago"
        : $"{Math.Floor(daysLeft).ToString(CultureInfo.InvariantCulture)} d left";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
