using OpsBot.ClusterSim.Store;
using System.Net;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim.Tests.Hosting;

public sealed class ClusterSimulatorTests
{
    [Fact]
    public async Task StartAsync_Https_ServesOnLoopbackWithItsOwnCa()
    {
        await using var sim = new ClusterSimulator();
        await sim.StartAsync();
        using var client = sim.CreateHttpClient();

        var version = JsonNode.Parse(await client.GetStringAsync("version"))!;

        Assert.Equal("https", sim.BaseUrl.Scheme);
        Assert.Equal("127.0.0.1", sim.BaseUrl.Host);
        Assert.Equal("v1.32.0-opsbot-sim", version["gitVersion"]!.GetValue<string>());
        Assert.Equal("32", version["minor"]!.GetValue<string>());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", sim.CertificateAuthorityPem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_VirtualClockYearsBack_CertificateStillValidNow()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), Speed = 0 });
        await sim.StartAsync();
        using var client = sim.CreateHttpClient();

        Assert.Equal("ok", await client.GetStringAsync("readyz"));
    }

    [Fact]
    public async Task Request_WithoutToken_IsUnauthorized()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false, RequireToken = true });
        await sim.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.BaseUrl };

        using var response = await anonymous.GetAsync("api/v1/namespaces");
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_PlainHttpByDefault_NeedsNoToken()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false });
        await sim.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.BaseUrl };

        Assert.Equal("ok", await anonymous.GetStringAsync("healthz"));
        Assert.Null(sim.Token);
    }

    [Fact]
    public async Task WriteKubeconfig_Https_HoldsServerCaTokenAndNamespace()
    {
        await using var sim = new ClusterSimulator();
        await sim.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}.kubeconfig");
        try
        {
            sim.WriteKubeconfig(path, "drill", "shop");
            var text = await File.ReadAllTextAsync(path);

            Assert.Contains($"server: {sim.BaseUrl.GetLeftPart(UriPartial.Authority)}", text, StringComparison.Ordinal);
            Assert.Contains("certificate-authority-data: ", text, StringComparison.Ordinal);
            Assert.Contains($"token: {sim.Token}", text, StringComparison.Ordinal);
            Assert.Contains("namespace: shop", text, StringComparison.Ordinal);
            Assert.Contains("current-context: drill", text, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_Default_CreatesStandardNamespaces()
    {
        var sim = new ClusterSimulator();

        var names = sim.Store.List(OpsBot.ClusterSim.Store.SimResources.Namespaces).Items.Select(OpsBot.ClusterSim.Store.ObjectMeta.Name);

        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], names);
    }

    [Fact]
    public void Parse_CommandLine_ReadsEveryOption()
    {
        var parsed = SimulatorArguments.Parse(["--kubeconfig", "/tmp/k", "--port", "6443", "--http", "--scenario", "black-friday", "--controllers", "off", "--speed", "60", "--apply", "a.yaml"]);

        Assert.Equal("/tmp/k", parsed.KubeconfigPath);
        Assert.Equal((6443, false, "black-friday", false, 60.0), (parsed.Options.Port, parsed.Options.UseHttps, parsed.Options.Scenario, parsed.Options.ControllersEnabled, parsed.Options.Speed));
        Assert.Equal(["a.yaml"], parsed.ApplyFiles);
        Assert.Throws<ArgumentException>(() => SimulatorArguments.Parse(["--controllers", "maybe"]));
    }
}
