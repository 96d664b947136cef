using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Tests.Models;

public sealed class Corev1EventTests
{
    [Fact]
    public void Items_EventListFixture_HoldsProbeFailuresKillingsAndSchedulingFailures()
    {
        var list = K8sFixtures.Read<Corev1EventList>("events-unhealthy-killing-backoff-failedscheduling.json");

        Assert.Equal(76, list.Items.Count);
        var reasons = list.Items.Select(e => e.Reason).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Unhealthy", "Killing", "BackOff", "FailedScheduling", "FailedMount" }, reasons);

        var unhealthy = list.Items.First(e => e.Reason == "Unhealthy");
        Assert.StartsWith("Liveness probe failed", unhealthy.Message, StringComparison.Ordinal);
        Assert.Equal("Warning", unhealthy.Type);
        Assert.Equal("Pod", unhealthy.InvolvedObject!.Kind);
        Assert.Equal("failing-liveness-pod", unhealthy.InvolvedObject.Name);
        Assert.Equal("spec.containers{my-container}", unhealthy.InvolvedObject.FieldPath);
        Assert.NotNull(unhealthy.Source?.Component);
    }

    [Fact]
    public void EventTime_MicroTime_KeepsMicrosecondsThroughRoundTrip()
    {
        var list = K8sFixtures.Read<Corev1EventList>("events-unhealthy-killing-backoff-failedscheduling.json");

        var scheduled = list.Items.First(e => e.EventTime is not null);
        Assert.Equal(new DateTimeOffset(2023, 7, 10, 5, 31, 39, TimeSpan.Zero).AddTicks(6942970), scheduled.EventTime);
        Assert.Equal("default-scheduler", scheduled.ReportingComponent);
        Assert.Contains("\"eventTime\":\"2023-07-10T05:31:39.694297Z\"", KubernetesJson.Serialize(scheduled), StringComparison.Ordinal);
    }

    [Fact]
    public void Items_ImagePullEvents_CountRepeatedFailures()
    {
        var list = K8sFixtures.Read<Corev1EventList>("events-imagepull-backoff-failedscheduling.json");

        Assert.Equal(17, list.Items.Count);
        Assert.Contains(list.Items, e => e.Reason == "BackoffLimitExceeded" && e.InvolvedObject!.Kind == "Job");
        Assert.All(list.Items.Where(e => e.Count is not null), e => Assert.True(e.Count >= 1));
        Assert.All(list.Items.Where(e => e.FirstTimestamp is not null), e => Assert.True(e.LastTimestamp >= e.FirstTimestamp));
    }
}
