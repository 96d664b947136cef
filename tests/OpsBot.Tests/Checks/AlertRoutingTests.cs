namespace OpsBot.Tests.Checks;

/// <summary>Alerts go to the channels with Alerts on whose namespaces cover the object, each once; else to the console's sre.</summary>
public sealed class AlertRoutingTests
{
    [Fact]
    public async Task Alert_GoesToTheAlertChannelsCoveringItsNamespace_Once()
    {
        await using var host = CheckHost.Start(
            ("Channels:Items:0:Id", "console:alerts"), ("Channels:Items:0:Namespaces:0", "ecommerce-*"), ("Channels:Items:0:Alerts", "true"),
            ("Channels:Items:1:Id", "console:payments"), ("Channels:Items:1:Namespaces:0", "payments-*"), ("Channels:Items:1:Alerts", "true"),
            ("Channels:Items:2:Id", "console:incident"), ("Channels:Items:2:Namespaces:0", "*"));
        await host.PutTlsSecretAsync("ecommerce-production", "api-tls", host.ClusterNow.AddDays(5), "api.example.com");

        await host.Console.RunAsync("/checks run cert-expiry");
        await host.Console.RunAsync("/checks run cert-expiry");

        Assert.Single(host.Alerts("alerts"), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
        Assert.Empty(host.Alerts("payments"));
        Assert.Empty(host.Alerts("sre"));
    }
}
