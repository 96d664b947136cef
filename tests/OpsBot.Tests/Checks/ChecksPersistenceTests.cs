using OpsBot.Testing;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Checks;

/// <summary>What the checks remember survives a restart on the embedded SQLite store.</summary>
public sealed class ChecksPersistenceTests
{
    [Fact]
    public async Task Restart_OnSqlite_KeepsMutesLastRunsAndWhatWasAlreadySaid()
    {
        using var data = new TempDirectory();
        DateTimeOffset notAfter;
        await using (var first = CheckHost.Start(("Storage:DataDirectory", data.Path)))
        {
            await first.Console.RunAsync("/checks mute cert-expiry ecommerce-staging 3d \"staging certificates replaced on Monday\"");
            notAfter = first.ClusterNow.AddDays(10);
            await first.PutTlsSecretAsync("ecommerce-production", "api-tls", notAfter, "api.example.com");
            await first.Console.RunAsync("/checks run cert-expiry");
            Assert.Single(first.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
        }

        await using var second = CheckHost.Start(("Storage:DataDirectory", data.Path));
        var list = ConsoleClient.Text(await second.Console.RunAsync("/checks list"));
        // The simulator starts afresh: the same certificate again (same notAfter) is not news.
        await second.PutTlsSecretAsync("ecommerce-production", "api-tls", notAfter, "api.example.com");
        await second.Console.RunAsync("/checks run cert-expiry");

        Assert.Contains("staging certificates replaced on Monday", list, StringComparison.Ordinal);
        Assert.Contains("(console:alice)", list, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
    }
}
