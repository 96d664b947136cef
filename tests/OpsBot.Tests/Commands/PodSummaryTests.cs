using OpsBot.ClusterObjects;
using k8s.Models;

namespace OpsBot.Tests.Commands;

public sealed class PodSummaryTests
{
    private static V1Pod Pod(V1PodStatus status, DateTimeOffset? deleted = null, int containers = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", DeletionTimestamp = deleted?.UtcDateTime },
        Spec = new V1PodSpec { Containers = [.. Enumerable.Range(0, containers).Select(i => new V1Container { Name = "c" + i })] },
        Status = status,
    };

    private static V1ContainerStatus Waiting(string reason) => new() { Name = "c0", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } } };

    [Theory]
    [InlineData("CrashLoopBackOff")]
    [InlineData("ErrImagePull")]
    [InlineData("ImagePullBackOff")]
    [InlineData("CreateContainerConfigError")]
    [InlineData("ContainerCreating")]
    public void Of_WaitingContainer_StatusIsTheReason(string reason)
    {
        var summary = PodSummary.Of(Pod(new V1PodStatus { Phase = "Pending", ContainerStatuses = [Waiting(reason)] }));

        Assert.Equal(reason, summary.Status);
        Assert.True(summary.IsProblem);
    }

    [Fact]
    public void Of_OomKilledNotRestarting_StatusOomKilled()
    {
        var status = new V1PodStatus
        {
            Phase = "Failed",
            ContainerStatuses = [new() { Name = "c0", State = new() { Terminated = new() { Reason = "OOMKilled", ExitCode = 137 } } }],
        };

        Assert.Equal("OOMKilled", PodSummary.Of(Pod(status)).Status);
    }

    [Fact]
    public void Of_Evicted_StatusEvicted()
    {
        Assert.Equal("Evicted", PodSummary.Of(Pod(new V1PodStatus { Phase = "Failed", Reason = "Evicted", Message = "The node was low on resource: memory." })).Status);
    }

    [Fact]
    public void Of_Completed_NotAProblem()
    {
        var summary = PodSummary.Of(Pod(new V1PodStatus
        {
            Phase = "Succeeded",
            ContainerStatuses = [new() { Name = "c0", State = new() { Terminated = new() { Reason = "Completed", ExitCode = 0 } } }],
        }));

        Assert.Equal("Completed", summary.Status);
        Assert.False(summary.IsProblem);
    }

    [Fact]
    public void Of_Deleting_Terminating()
    {
        var at = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal("Terminating", PodSummary.Of(Pod(new V1PodStatus { Phase = "Running" }, deleted: at)).Status);
    }

    [Fact]
    public void Of_InitContainerWaiting_InitReason()
    {
        var pod = Pod(new V1PodStatus { Phase = "Pending", InitContainerStatuses = [new() { Name = "init", State = new() { Waiting = new() { Reason = "CrashLoopBackOff" } } }] });

        var summary = PodSummary.Of(pod);

        Assert.Equal("Init:CrashLoopBackOff", summary.Status);
        Assert.Equal(0, summary.Severity);
    }

    [Fact]
    public void Of_RunningPartlyReady_NotReadyRunningSecond()
    {
        var ready = new V1ContainerStatus { Name = "c0", Ready = true, State = new() { Running = new() } };
        var notReady = new V1ContainerStatus { Name = "c1", Ready = false, State = new() { Running = new() } };

        var summary = PodSummary.Of(Pod(new V1PodStatus { Phase = "Running", ContainerStatuses = [ready, notReady] }, containers: 2));

        Assert.Equal(("Running", "1/2", 2), (summary.Status, summary.Ready, summary.Severity));
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(130, "2m10s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(5 * 3600 + 120, "5h2m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(45 * 86400, "45d")]
    [InlineData(-5, "<invalid>")]
    public void Ages_Format_LikeKubectl(int seconds, string expected)
    {
        Assert.Equal(expected, Ages.Format(TimeSpan.FromSeconds(seconds)));
    }
}
