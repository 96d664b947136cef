using OpsBot.ClusterSim.Api.Tables;

namespace OpsBot.ClusterSim.Tests.Api.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(200, "3m20s")]
    [InlineData(300, "5m")]
    [InlineData(600, "10m")]
    [InlineData(10_799, "179m")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(3000 * 86400, "8y")]
    public void Format_Seconds_MatchesKubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
