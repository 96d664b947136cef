using Microsoft.Extensions.Options;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Checks;

/// <summary>A bad schedule refuses the start, naming the key and what is wrong.</summary>
public sealed class ChecksConfigurationTests
{
    [Theory]
    [InlineData("Checks:CertExpiry:Cron", "0 */6 * *", "Checks:CertExpiry:Cron \"0 */6 * *\" has 4 fields")]
    [InlineData("Checks:CertExpiry:Cron", "0 */6 * * mon-xyz", "Checks:CertExpiry:Cron \"0 */6 * * mon-xyz\" is not a valid cron expression")]
    [InlineData("Checks:TimeZone", "Europe/Pariss", "Checks:TimeZone \"Europe/Pariss\" is not a time zone this machine knows")]
    [InlineData("Checks:CertExpiry:Days:0", "0", "Checks:CertExpiry:Days must be whole days between 1 and 365; 0 is not.")]
    public async Task Start_WithABadSchedule_Refuses(string key, string value, string expected)
    {
        await using var host = new OpsBotHost((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsTheScheduleInItsTimeZone_AndTheNextRun()
    {
        await using var host = CheckHost.Start(("Checks:TimeZone", "Europe/Paris"), ("Checks:CertExpiry:Cron", "30 8 * * *"));

        var list = ConsoleClient.Text(await host.Console.RunAsync("/checks list"));

        Assert.Contains("cert-expiry", list, StringComparison.Ordinal);
        Assert.Contains("30 8 * * *", list, StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", list, StringComparison.Ordinal);
        Assert.Matches(@"(06|07):30 UTC", list);
    }
}
