using System.Globalization;
using OpsBot.Kubernetes;

namespace OpsBot.ClusterObjects;

/// <summary>
/// The API server's pod Table (the columns of <c>kubectl get pods</c>) read into the same <see cref="PodSummary"/> the
/// cache path builds from whole pods with <see cref="PodSummary.Of"/> — the server computes READY, STATUS and RESTARTS
/// with the same printPod logic. Columns are found by name (<c>Name</c>, <c>Ready</c>, <c>Status</c>, <c>Restarts</c>,
/// <c>Node</c>), namespace and creation time come from each row's metadata. Anything unexpected — a missing column, a
/// cell not in kubectl's format, a row without metadata — gives null: the caller lists the pods themselves instead,
/// never a guessed reply.
/// </summary>
public static class PodTableRows
{
    /// <summary>
    /// Every row of <paramref name="pages"/> as a summary, or null when the Table is not shaped as expected. A restart's
    /// time is as precise as the server's text (<c>5 (4m ago)</c>: to the minute), counted back from <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<PodSummary>? Read(IReadOnlyList<ServerTablePage> pages, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var summaries = new List<PodSummary>(pages.Sum(page => page.Rows.Count));
        foreach (var page in pages)
        {
            var (name, ready, status, restarts, node) = (page.IndexOf("Name"), page.IndexOf("Ready"), page.IndexOf("Status"), page.IndexOf("Restarts"), page.IndexOf("Node"));
            if (name < 0 || ready < 0 || status < 0 || restarts < 0 || node < 0)
            {
                return null;
            }

            foreach (var row in page.Rows)
            {
                var cells = row.Cells;
                if (row.Name is not { Length: > 0 } podName || row.Namespace is not { Length: > 0 } ns || row.CreationTimestamp is null
                    || cells[name] != podName
                    || !TryReady(cells[ready], out var readyContainers, out var totalContainers)
                    || cells[status] is not { Length: > 0 } podStatus
                    || !TryRestarts(cells[restarts], now, out var restartCount, out var lastRestart))
                {
                    return null;
                }

                var podNode = cells[node] is { Length: > 0 } text && text != "<none>" ? text : null;
                summaries.Add(new PodSummary(ns, podName, readyContainers, totalContainers, podStatus, restartCount, lastRestart, row.CreationTimestamp, podNode));
            }
        }

        return summaries;
    }

    /// <summary><c>2/3</c>.</summary>
    private static bool TryReady(string? cell, out int ready, out int total)
    {
        ready = total = 0;
        var slash = cell?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0
            && int.TryParse(cell.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out ready)
            && int.TryParse(cell.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out total);
    }

    /// <summary><c>0</c>, <c>5</c> or <c>5 (4m ago)</c> (an integer cell before Kubernetes 1.22).</summary>
    private static bool TryRestarts(string? cell, DateTimeOffset now, out int count, out DateTimeOffset? lastRestart)
    {
        count = 0;
        lastRestart = null;
        if (cell is null)
        {
            return false;
        }

        var space = cell.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out count);
        }

        if (!int.TryParse(cell.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out count)
            || !cell.AsSpan(space).StartsWith(" (", StringComparison.Ordinal) || !cell.EndsWith(" ago)", StringComparison.Ordinal)
            || !TryDuration(cell.AsSpan(space + 2, cell.Length - space - 2 - " ago)".Length), out var ago))
        {
            return false;
        }

        lastRestart = now - ago;
        return true;
    }

    /// <summary>kubectl's short durations (<see cref="Ages.Format"/>): <c>45s</c>, <c>4m12s</c>, <c>3d4h</c>, <c>2y10d</c>.</summary>
    private static bool TryDuration(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.IsEmpty)
        {
            return false;
        }

        while (!text.IsEmpty)
        {
            var digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == text.Length || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unit = text[digits] switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'y' => TimeSpan.FromDays(365),
                _ => TimeSpan.Zero,
            };
            if (unit == TimeSpan.Zero || value > 100_000)
            {
                return false;
            }

            duration += unit * value;
            text = text[(digits + 1)..];
        }

        return true;
    }
}
