using System.Net;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerFaultTests
{
    [Fact]
    public async Task Faults_PostedThenDeleted_ApplyAndClear()
    {
        await using var c = await SeededCluster.StartAsync();
        var url = $"api/v1/namespaces/{SeededCluster.Namespace}/pods";

        var (posted, rules) = await c.Http.SendAsync(HttpMethod.Post, "sim/faults", """[{"verb":"list","resource":"pods","statusCode":429,"retryAfterSeconds":7}]""");
        using var throttled = await c.Http.GetAsync(url);
        var (_, listed) = await c.Http.GetJsonAsync("sim/faults");
        await c.Http.SendAsync(HttpMethod.Delete, "sim/faults");
        using var served = await c.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal("429", rules.Str("rules.0.statusCode"));
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("\"reason\":\"TooManyRequests\"", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(listed!["rules"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Faults_InCode_ConflictOnPatchEverySecondRequest()
    {
        await using var c = await SeededCluster.StartAsync();
        c.Simulator.Faults.Add(new FaultRule { Verb = "patch", Resource = "deployments.apps", StatusCode = 409, EveryNth = 2 });
        var url = $"apis/apps/v1/namespaces/{SeededCluster.Namespace}/deployments/frontend";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await c.Http.SendAsync(HttpMethod.Patch, url, "{}", "application/merge-patch+json")).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
    }

    [Fact]
    public async Task Faults_LatencyAnd503_DelayThenFail()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        c.Simulator.Faults.Set([new FaultRule { Resource = "namespaces", StatusCode = 503, LatencyMs = 300 }]);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (status, body) = await c.Http.GetJsonAsync("api/v1/namespaces");

        Assert.True(watch.ElapsedMilliseconds >= 280);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"), (status, body.Str("reason")));
    }

    [Fact]
    public async Task Faults_MalformedRule_IsBadRequest()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, _) = await c.Http.SendAsync(HttpMethod.Post, "sim/faults", """{"statusCode":"often"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
