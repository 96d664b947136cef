using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Caching;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Store;
using OpsBot.Simulation;
using OpsBot.Testing;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Caching;

/// <summary>The whole host with its watch cache on, over the embedded simulator: staleness, sources, actions, /readyz.</summary>
public sealed class WatchCacheHostTests
{
    private const string Ns = "ecommerce-production";

    [Fact]
    public async Task PodsCommand_ChangeMadeWithKubectl_ShowsInTheNextCommandWithinOneSecond()
    {
        await using var host = new OpsBotHost(("Kubernetes:Cache:Enabled", "true"));
        using var client = host.CreateClient();
        const string pod = "watch-probe";
        host.Services.GetRequiredService<EmbeddedCluster>().Simulator.Store.Create(SimResources.Pods, CacheCluster.PodJson(Ns, pod));
        await SyncedAsync(host);
        var none = await AskAsync(client, $"/k8s pods -n {Ns} -l watchcache=seen");
        using var kubectl = new KubectlRunner(host.Services.GetRequiredService<EmbeddedCluster>().KubeconfigPath!);

        var labelled = await kubectl.RunAsync("label", "pod", pod, "-n", Ns, "watchcache=seen");
        var answer = await Eventually.ValueAsync(
            () => AskAsync(client, $"/k8s pods -n {Ns} -l watchcache=seen"),
            body => (int?)body["report"]!["total"] == 1,
            "the label in a command's answer within 1 s",
            TimeSpan.FromSeconds(1));

        Assert.Equal(0, labelled.ExitCode);
        Assert.Equal(0, (int?)none["report"]!["total"]);
        Assert.Equal(pod, (string?)answer["report"]!["rows"]![0]!["name"]);
        Assert.Contains("from cache, live", (string?)answer["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleHpa_CacheStale_PlansFromAFreshReadWhileLookingSaysHowOld()
    {
        await using var host = new OpsBotHost(("Kubernetes:Cache:Enabled", "true"));
        using var client = host.CreateClient();
        var cache = await SyncedAsync(host);
        var sim = host.Services.GetRequiredService<EmbeddedCluster>().Simulator;
        // The cache's HPA watch breaks and cannot come back: what it holds gets old.
        sim.Faults.Add(new FaultRule { Verb = "watch", Resource = "horizontalpodautoscalers", StatusCode = 503 });
        await Eventually.ValueAsync(() => Task.FromResult(sim.Store.DropWatches()), dropped => dropped > 0, "the watches to drop");
        await Eventually.ValueAsync(() => Task.FromResult(cache.HorizontalPodAutoscalers!.DisconnectedSince), since => since is not null, "the broken watch seen");
        sim.Store.Modify(SimResources.HorizontalPodAutoscalers, Ns, "frontend", hpa => hpa["spec"]!["maxReplicas"] = 14);

        var looked = await AskAsync(client, $"/k8s hpa -n {Ns}");
        var planned = await AskAsync(client, $"/scale-hpa frontend --max 20 -n {Ns}");

        Assert.Equal(10, cache.HorizontalPodAutoscalers!.Get(Ns, "frontend")!.Spec.MaxReplicas); // the stale view
        Assert.Matches(@"from cache, \d+ s old", (string?)looked["text"]);
        var text = (string?)planned["text"];
        Assert.Contains("14", text, StringComparison.Ordinal);
        Assert.Contains("20", text, StringComparison.Ordinal);
        Assert.DoesNotContain("from cache", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_ShowsTheCacheStateAndStaysReadyWhenAWatchIsBroken()
    {
        await using var host = new OpsBotHost(("Kubernetes:Cache:Enabled", "true"));
        using var client = host.CreateClient();
        var sim = host.Services.GetRequiredService<EmbeddedCluster>().Simulator;
        await SyncedAsync(host);
        using var synced = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var syncedBody = (await synced.Content.ReadFromJsonAsync<JsonObject>())!;

        // The events watch breaks and neither watching nor listing them works any more.
        sim.Faults.Add(new FaultRule { Verb = "watch", Resource = "events", StatusCode = 500 });
        sim.Faults.Add(new FaultRule { Verb = "list", Resource = "events", StatusCode = 500 });
        sim.Store.Compact();
        await Eventually.ValueAsync(() => Task.FromResult(sim.Store.DropWatches()), dropped => dropped > 0, "the watches to drop");
        var broken = await Eventually.ValueAsync(
            async () => (await client.GetFromJsonAsync<JsonObject>(new Uri("/readyz", UriKind.Relative)))!,
            body => ((string?)body["details"]?["cache"]?["simulator"]?["kinds"]?["events"]?["watch"])?.StartsWith("interrupted", StringComparison.Ordinal) == true,
            "the broken events watch in /readyz");

        Assert.Equal(System.Net.HttpStatusCode.OK, synced.StatusCode);
        var cache = syncedBody["details"]!["cache"]!["simulator"]!;
        Assert.Equal(("synced", "all namespaces", "open"), ((string?)cache["state"], (string?)cache["scope"], (string?)cache["kinds"]!["pods"]!["watch"]));
        Assert.True((int)cache["kinds"]!["deployments"]!["objects"]! > 0);
        Assert.Equal("ready", (string?)broken["status"]);
        Assert.NotNull((string?)broken["details"]!["cache"]!["simulator"]!["kinds"]!["events"]!["error"]);
    }

    [Fact]
    public async Task Readyz_CacheDisabled_SaysSo()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var body = (await client.GetFromJsonAsync<JsonObject>(new Uri("/readyz", UriKind.Relative)))!;

        Assert.Equal("disabled (Kubernetes:Cache:Enabled is false)", (string?)body["details"]!["cache"]);
    }

    [Theory]
    [InlineData("Kubernetes:Cache:MaxObjects", "5", "Kubernetes:Cache:MaxObjects is 5; it must be at least 100")]
    [InlineData("Kubernetes:Cache:ResyncInterval", "00:00:01", "Kubernetes:Cache:ResyncInterval is 00:00:01; it must be between")]
    [InlineData("Kubernetes:Cache:Namespaces:0", "Shop_Prod", "Kubernetes:Cache:Namespaces:0 (\"Shop_Prod\") is not a namespace name")]
    public async Task Start_BadCacheSetting_IsRefusedSayingWhatToFix(string key, string value, string expected)
    {
        await using var host = new OpsBotHost((key, value));

        var refused = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(expected, refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task<ClusterCache> SyncedAsync(OpsBotHost host)
    {
        var cache = host.Services.GetRequiredService<IClusterCaches>().For("simulator")!;
        await Eventually.ValueAsync(() => Task.FromResult(cache.HasSynced), synced => synced, "the watch cache to sync");
        return cache;
    }

    private static async Task<JsonObject> AskAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/console/commands", new { text, user = "alice", channel = "incident" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
