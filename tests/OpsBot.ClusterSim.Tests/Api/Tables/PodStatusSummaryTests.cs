using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Tables;

namespace OpsBot.ClusterSim.Tests.Api.Tables;

public sealed class PodStatusSummaryTests
{
    private static PodStatusSummary Of(string status, string spec = """{"containers":[{"name":"app"}]}""", string metadata = """{"name":"p"}""") =>
        PodStatusSummary.Of(JsonNode.Parse($$"""{"metadata":{{metadata}},"spec":{{spec}},"status":{{status}}}""")!.AsObject());

    [Fact]
    public void Of_RunningReady_CountsReadyContainer()
    {
        var s = Of("""{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}""");

        Assert.Equal((1, 1, "Running", 0), (s.Ready, s.Total, s.Reason, s.Restarts));
    }

    [Fact]
    public void Of_CrashLoopWithOomLastState_ShowsWaitingReasonAndLastRestart()
    {
        var s = Of("""{"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"reason":"OOMKilled","exitCode":137,"finishedAt":"2026-11-20T02:58:00Z"}}}]}""");

        Assert.Equal(("CrashLoopBackOff", 4), (s.Reason, s.Restarts));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T02:58:00Z", System.Globalization.CultureInfo.InvariantCulture), s.LastRestart);
    }

    [Theory]
    [InlineData("""{"terminated":{"reason":"OOMKilled","exitCode":137}}""", "OOMKilled")]
    [InlineData("""{"terminated":{"exitCode":2}}""", "ExitCode:2")]
    [InlineData("""{"terminated":{"exitCode":0,"signal":9}}""", "Signal:9")]
    [InlineData("""{"waiting":{"reason":"ErrImagePull"}}""", "ErrImagePull")]
    [InlineData("""{"waiting":{"reason":"CreateContainerConfigError"}}""", "CreateContainerConfigError")]
    public void Of_ContainerState_GivesReason(string state, string expected) =>
        Assert.Equal(expected, Of($$"""{"phase":"Running","containerStatuses":[{"name":"app","restartCount":0,"state":{{state}}}]}""").Reason);

    [Fact]
    public void Of_InitContainerWaiting_ShowsInitReason()
    {
        var s = Of(
            """{"phase":"Pending","initContainerStatuses":[{"name":"migrate","restartCount":0,"state":{"waiting":{"reason":"ImagePullBackOff"}}}],"containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}""",
            """{"initContainers":[{"name":"migrate"}],"containers":[{"name":"app"}]}""");

        Assert.Equal("Init:ImagePullBackOff", s.Reason);
    }

    [Fact]
    public void Of_InitContainerRunning_ShowsInitProgress() =>
        Assert.Equal("Init:1/2", Of(
            """{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0}}},{"name":"b","state":{"running":{}}}]}""",
            """{"initContainers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"app"}]}""").Reason);

    [Fact]
    public void Of_CompletedJobPod_ShowsCompleted() =>
        Assert.Equal("Completed", Of("""{"phase":"Succeeded","containerStatuses":[{"name":"app","state":{"terminated":{"reason":"Completed","exitCode":0}}}]}""").Reason);

    [Fact]
    public void Of_Deleting_ShowsTerminating() =>
        Assert.Equal("Terminating", Of("""{"phase":"Running"}""", metadata: """{"name":"p","deletionTimestamp":"2026-11-20T03:00:00Z"}""").Reason);

    [Fact]
    public void Of_Evicted_ShowsStatusReason() =>
        Assert.Equal("Evicted", Of("""{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}""").Reason);

    [Fact]
    public void Of_Pending_ShowsPhase() =>
        Assert.Equal(("Pending", 0, 1), (Of("""{"phase":"Pending"}""").Reason, Of("""{"phase":"Pending"}""").Ready, Of("""{"phase":"Pending"}""").Total));
}
