using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsBot.ClusterSim.Replays;

/// <summary>
/// Reads a container log file of a dump. When its first line starts with an RFC 3339 timestamp with fractional
/// seconds and a space — what <c>kubectl logs --timestamps</c> writes, and what <c>tools/dump-cluster.sh</c> always
/// writes — every line's timestamp is split off (a line without one keeps the previous line's); otherwise the
/// lines are taken as they are, without timestamps.
/// </summary>
public static partial class LogFileReader
{
    public static IReadOnlyList<DumpLogLine> Read(string text)
    {
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var result = new List<DumpLogLine>(count);
        var timestamped = count > 0 && Timestamped().IsMatch(lines[0]);
        DateTimeOffset? last = null;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var match = timestamped ? Timestamped().Match(line) : Match.Empty;
            if (match.Success && DateTimeOffset.TryParse(match.Groups["time"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
            {
                last = time;
                result.Add(new DumpLogLine(time, match.Groups["text"].Value));
            }
            else
            {
                result.Add(new DumpLogLine(last, line));
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(?:Z|[+-]\d{2}:\d{2})) (?<text>.*)$")]
    private static partial Regex Timestamped();
}
