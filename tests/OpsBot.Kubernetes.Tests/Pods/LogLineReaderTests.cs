using System.Text;

namespace OpsBot.Kubernetes.Tests.Pods;

/// <summary>Log bodies cut into lines from their bytes: reads of any size, the byte limit, stamps as the string parser reads them.</summary>
public sealed class LogLineReaderTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 20, 3, 2, 5, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_LastLineWithoutNewline_IsKept()
    {
        var lines = await ReadAsync("2026-11-20T03:02:05.000000001Z first\n2026-11-20T03:02:06Z second, no newline");

        Assert.Equal([new LogLine(Stamp, "first"), new LogLine(Stamp.AddSeconds(1), "second, no newline")], lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task ReadAsync_MultiByteCharactersSplitAcrossReads_DecodedWhole(int bytesPerRead)
    {
        const string Text = "café — 東京 🚀 ошибка: connection refused";
        var body = Encoding.UTF8.GetBytes($"2026-11-20T03:02:05Z {Text}\n2026-11-20T03:02:05Z {Text}\n");

        var lines = await LogLineReader.ReadAsync(new TrickleStream(body, bytesPerRead), timestamped: true, maxBytes: 4096);

        Assert.Equal([new LogLine(Stamp, Text), new LogLine(Stamp, Text)], lines);
    }

    [Fact]
    public async Task ReadAsync_BodyBeyondMaxBytes_StopsAtTheLimitAndKeepsTheCutLine()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:D3}\n")));
        var stream = new TrickleStream(body, 5);

        var lines = await LogLineReader.ReadAsync(stream, timestamped: false, maxBytes: 25);

        // 9 bytes a line: two whole lines, then the 7 bytes of the third the limit leaves.
        Assert.Equal(["line 000", "line 001", "line 00"], lines.Select(l => l.Text));
        Assert.Equal(25, stream.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanTheFirstBuffer_IsOneLine()
    {
        var longText = new string('x', 100_000) + "é";
        var body = Encoding.UTF8.GetBytes($"2026-11-20T03:02:05Z {longText}\r\n2026-11-20T03:02:05Z after\r\n");

        var lines = await LogLineReader.ReadAsync(new TrickleStream(body, 4000), timestamped: true, maxBytes: 128 * 1024);

        Assert.Equal([new LogLine(Stamp, longText), new LogLine(Stamp, "after")], lines);
    }

    [Fact]
    public async Task ReadAsync_CrLfAndEmptyLines_EmptyLinesDropped()
    {
        var lines = await ReadAsync("\n\r\n2026-11-20T03:02:05Z a\r\n\n2026-11-20T03:02:05Z b\n\n");

        Assert.Equal(["a", "b"], lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("2026-11-20T03:02:05.123456789Z GET /api 503")]
    [InlineData("2026-11-20T03:02:05.1Z short fraction")]
    [InlineData("2026-11-20T03:02:05Z no fraction")]
    [InlineData("2026-11-20T05:02:05.5+02:00 an offset")]
    [InlineData("2026-11-20T03:02:05.123-07:30 a negative offset")]
    [InlineData("2026-11-20 03:02:05 INFO not the kubelet's stamp")]
    [InlineData("2026-02-30T03:02:05Z no such day")]
    [InlineData("2026-11-20T03:02:60Z a leap second")]
    [InlineData("not a stamp at all, just a long enough line")]
    [InlineData("short line")]
    [InlineData("2026-11-20T03:02:05.Z dot without digits")]
    public void Read_AnyLine_SameAsTheStringParser(string line)
    {
        var fromBytes = LogLineReader.Read(Encoding.UTF8.GetBytes(line), timestamped: true);

        var expected = LogLine.Parse(line, timestamped: true);
        Assert.Equal([expected], fromBytes);
        Assert.Equal(expected.At?.Offset, Assert.Single(fromBytes).At?.Offset);
    }

    [Fact]
    public void Read_NanosecondStamp_TruncatedToTicks()
    {
        var line = Assert.Single(LogLineReader.Read("2026-11-20T03:02:05.123456789Z x"u8, timestamped: true));

        Assert.Equal(Stamp.AddTicks(1_234_567), line.At);
    }

    [Fact]
    public void Read_NotTimestamped_WholeLineIsText()
    {
        var line = Assert.Single(LogLineReader.Read("2026-11-20T03:02:05Z x"u8, timestamped: false));

        Assert.Equal(new LogLine(null, "2026-11-20T03:02:05Z x"), line);
    }

    private static Task<List<LogLine>> ReadAsync(string body) =>
        LogLineReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), timestamped: true, maxBytes: 128 * 1024);
}
