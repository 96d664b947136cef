using OpsBot.ClusterSim.Controllers.Jobs;

namespace OpsBot.ClusterSim.Tests.Workloads;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 3, 7, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("*/15 * * * *", "2026-11-20T03:15:00Z")]
    [InlineData("0 * * * *", "2026-11-20T04:00:00Z")]
    [InlineData("@hourly", "2026-11-20T04:00:00Z")]
    [InlineData("30 2 * * *", "2026-11-21T02:30:00Z")]
    [InlineData("0 9 * * MON-FRI", "2026-11-20T09:00:00Z")]
    [InlineData("0 9 * * SAT,SUN", "2026-11-21T09:00:00Z")]
    [InlineData("0 0 1 * *", "2026-12-01T00:00:00Z")]
    [InlineData("0 0 15 * MON", "2026-11-23T00:00:00Z")] // day of month OR day of week
    [InlineData("5-10/5 3 * * *", "2026-11-20T03:10:00Z")]
    [InlineData("0 12 29 FEB *", "2028-02-29T12:00:00Z")]
    public void Next_StandardExpressions_NextActivation(string spec, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CronSchedule.Parse(spec).Next(Friday));
    }

    [Fact]
    public void Next_InATimeZone_UsesItsWallClock()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), CronSchedule.Parse("0 9 * * *", paris).Next(Friday));
    }

    [Theory]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59): 61")]
    [InlineData("* * * * FUNDAY", "failed to parse int from FUNDAY")]
    [InlineData("@every-now", "unrecognized descriptor: @every-now")]
    public void Parse_Invalid_RobfigsMessage(string spec, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => CronSchedule.Parse(spec)).Message);
    }
}
