using System.Buffers;
using System.Text;

namespace OpsBot.Kubernetes;

/// <summary>
/// Reads a log body (<c>kubectl logs [--timestamps]</c>) into <see cref="LogLine"/>s straight from its UTF-8 bytes: one
/// pooled buffer, lines cut on <c>\n</c> bytes (never inside a UTF-8 sequence, so a character split across two reads is
/// whole again before it is decoded), the kubelet's RFC 3339 stamp parsed from the bytes, and one string per line — its
/// text. Triage reads ~1,000 logs per run; the text-then-split-then-parse path made four strings per line and parsed each
/// stamp through <see cref="DateTimeOffset.TryParse(string, IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>.
/// </summary>
public static class LogLineReader
{
    private const int InitialBuffer = 16 * 1024;

    /// <summary>
    /// The lines of <paramref name="stream"/>, reading at most <paramref name="maxBytes"/> bytes (the last line cut by the
    /// limit is kept, as the API server's <c>limitBytes</c> keeps it). Empty lines are dropped; <c>\r\n</c> ends a line like
    /// <c>\n</c>. With <paramref name="timestamped"/>, a leading stamp becomes <see cref="LogLine.At"/>.
    /// </summary>
    public static async Task<List<LogLine>> ReadAsync(Stream stream, bool timestamped, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var lines = new List<LogLine>();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Clamp(maxBytes, 1, InitialBuffer));
        try
        {
            // [start, end) holds bytes read but not yet cut into lines; none of them is '\n'.
            var start = 0;
            var end = 0;
            var total = 0;
            while (total < maxBytes)
            {
                if (end == buffer.Length)
                {
                    buffer = MakeRoom(buffer, ref start, ref end, maxBytes);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end, Math.Min(buffer.Length - end, maxBytes - total)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                var scanned = end;
                end += read;
                start = CutLines(buffer, start, scanned, end, timestamped, lines);
            }

            if (end > start)
            {
                Add(buffer.AsSpan(start, end - start), timestamped, lines);
            }

            return lines;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The lines of a whole body already in memory (tests, replays).</summary>
    public static List<LogLine> Read(ReadOnlySpan<byte> body, bool timestamped)
    {
        var lines = new List<LogLine>();
        while (body.IndexOf((byte)'\n') is var newline and >= 0)
        {
            Add(body[..newline], timestamped, lines);
            body = body[(newline + 1)..];
        }

        Add(body, timestamped, lines);
        return lines;
    }

    // A line longer than the buffer: move the pending bytes to the front, or grow (never beyond the byte limit).
    private static byte[] MakeRoom(byte[] buffer, ref int start, ref int end, int maxBytes)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            return buffer;
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes, buffer.Length * 2L));
        Buffer.BlockCopy(buffer, 0, larger, 0, end);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static int CutLines(byte[] buffer, int start, int scanned, int end, bool timestamped, List<LogLine> lines)
    {
        var span = buffer.AsSpan(0, end);
        while (span[scanned..].IndexOf((byte)'\n') is var offset and >= 0)
        {
            var newline = scanned + offset;
            Add(span[start..newline], timestamped, lines);
            start = newline + 1;
            scanned = start;
        }

        return start;
    }

    private static void Add(ReadOnlySpan<byte> line, bool timestamped, List<LogLine> lines)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            return;
        }

        if (timestamped && line.IndexOf((byte)' ') is var space and >= 20)
        {
            if (Rfc3339.TryParse(line[..space], out var at))
            {
                lines.Add(new LogLine(at, Encoding.UTF8.GetString(line[(space + 1)..])));
                return;
            }

            // Not the kubelet's RFC 3339 form (a replayed or foreign log): the string parser decides, as before.
            lines.Add(LogLine.Parse(Encoding.UTF8.GetString(line), timestamped: true));
            return;
        }

        lines.Add(new LogLine(null, Encoding.UTF8.GetString(line)));
    }
}
