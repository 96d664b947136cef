using OpsBot.Tests.Console;

namespace OpsBot.Tests.Checks;

/// <summary>cert-expiry on the embedded simulator, run as people run it (<c>/checks run</c> through the console API), alerts read from the alert channel.</summary>
public sealed class CertExpiryCheckTests
{
    [Fact]
    public async Task CertExpiry_ThresholdsCrossed_AlertOnceEach_AndARenewalFollowsUpOnceInTheThread()
    {
        await using var host = CheckHost.Start();
        await host.PutTlsSecretAsync("ecommerce-production", "api-tls", host.ClusterNow.AddDays(27).AddHours(12), "api.example.com");

        await host.Console.RunAsync("/checks run cert-expiry");
        var warning = Assert.Single(host.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
        Assert.Contains("WARNING: the certificate ecommerce-production/api-tls expires in 27 days", warning.Text, StringComparison.Ordinal);
        Assert.Contains("api.example.com", warning.Text, StringComparison.Ordinal);
        Assert.Contains("kubectl create secret tls api-tls -n ecommerce-production", warning.Text, StringComparison.Ordinal);

        // The cluster's clock moves (a drill would): 13 days left.
        host.Simulator.Clock.Advance(TimeSpan.FromDays(14));
        await host.Console.RunAsync("/checks run cert-expiry");
        var second = host.Alerts().Where(alert => alert.Text.Contains("api-tls", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, second.Count);
        Assert.Contains("CRITICAL: the certificate ecommerce-production/api-tls expires in 13 days", second[1].Text, StringComparison.Ordinal);

        // The same run again: nothing new.
        var again = ConsoleClient.Text(await host.Console.RunAsync("/checks run cert-expiry"));
        Assert.Equal(2, host.Alerts().Count(alert => alert.Text.Contains("api-tls", StringComparison.Ordinal)));
        Assert.Contains("0 alerts posted", again, StringComparison.Ordinal);

        // Renewed: one follow-up, in the thread of the last alert.
        await host.PutTlsSecretAsync("ecommerce-production", "api-tls", host.ClusterNow.AddDays(90), "api.example.com");
        await host.Console.RunAsync("/checks run cert-expiry");
        await host.Console.RunAsync("/checks run cert-expiry");
        var renewed = Assert.Single(host.Alerts(), alert => alert.Text.StartsWith("Renewed: the certificate ecommerce-production/api-tls", StringComparison.Ordinal));
        Assert.Equal(second[1].Id, renewed.ThreadId);
    }

    [Fact]
    public async Task CertExpiry_OnS7_SaysExpiredOnce_WithCertManagersNextStep()
    {
        await using var host = CheckHost.Start();
        await host.Console.RunAsync("/drill start s07-tls-certificate-expired");

        await host.Console.RunAsync("/checks run cert-expiry");
        await host.Console.RunAsync("/checks run cert-expiry");

        var expired = Assert.Single(host.Alerts(), alert => alert.Text.Contains("shop-tls", StringComparison.Ordinal));
        Assert.Contains("EXPIRED: the certificate ecommerce-production/shop-tls expired 3 days ago", expired.Text, StringComparison.Ordinal);
        Assert.Contains("cmctl renew shop-tls -n ecommerce-production", expired.Text, StringComparison.Ordinal);
        Assert.Contains("ClusterIssuer/letsencrypt-production", expired.Text, StringComparison.Ordinal);
        Assert.Contains("shop.example.com, www.shop.example.com", expired.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mute_HoldsTheAlert_ListShowsIt_AndUnmuteRestoresPosting()
    {
        await using var host = CheckHost.Start();
        await host.PutTlsSecretAsync("ecommerce-production", "api-tls", host.ClusterNow.AddDays(20), "api.example.com");

        var muted = ConsoleClient.Text(await host.Console.RunAsync("/checks mute cert-expiry ecommerce-production/api-tls 2h \"issuer maintenance\""));
        var run = ConsoleClient.Text(await host.Console.RunAsync("/checks run cert-expiry"));
        var list = ConsoleClient.Text(await host.Console.RunAsync("/checks list"));

        Assert.Contains("Muted cert-expiry for ecommerce-production/api-tls", muted, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
        Assert.Contains("issuer maintenance", list, StringComparison.Ordinal);
        Assert.Contains("0 alerts posted, 0 renewed, 1 muted", run, StringComparison.Ordinal);

        var unmuted = ConsoleClient.Text(await host.Console.RunAsync("/checks unmute cert-expiry ecommerce-production/api-tls"));
        host.Simulator.Clock.Advance(TimeSpan.FromDays(7));
        await host.Console.RunAsync("/checks run cert-expiry");

        Assert.Contains("Unmuted cert-expiry for ecommerce-production/api-tls", unmuted, StringComparison.Ordinal);
        Assert.Single(host.Alerts(), alert => alert.Text.Contains("CRITICAL: the certificate ecommerce-production/api-tls", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/checks run cert-expiri", "There is no check called \"cert-expiri\". Checks: cert-expiry")]
    [InlineData("/checks mute cert-expiry \"no duration\"", "A mute needs a duration and a reason")]
    [InlineData("/checks mute cert-expiry 31d \"too long\"", "at most 30")]
    [InlineData("/checks mute cert-expiry Bad_NS/x 1h \"bad target\"", "The target's namespace")]
    [InlineData("/checks unmute cert-expiry", "Nothing to unmute: cert-expiry is not muted")]
    public async Task BadInput_GetsAClearAnswer_AndChangesNothing(string command, string expected)
    {
        await using var host = CheckHost.Start();

        var reply = ConsoleClient.Text(await host.Console.RunAsync(command));
        var list = ConsoleClient.Text(await host.Console.RunAsync("/checks list"));

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Contains("0 mutes in force", list, StringComparison.Ordinal);
        Assert.Contains("never", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mute_ByAViewer_IsDenied()
    {
        await using var host = CheckHost.Start();
        var carol = new ConsoleClient(host.Host.CreateClient(), "carol", "incident");

        var reply = ConsoleClient.Text(await carol.RunAsync("/checks mute cert-expiry 1h \"quiet\""));

        Assert.Contains("don't have act access", reply, StringComparison.Ordinal);
    }
}
