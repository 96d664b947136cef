using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Tests.Models;

/// <summary>Pods from the shared fixtures read as the triage code will read them.</summary>
public sealed class V1PodTests
{
    [Fact]
    public void ContainerStatus_OomKilledJobPod_HasOomKilledTerminationWithExit137()
    {
        var list = K8sFixtures.Read<V1PodList>("pod-oomkilled-exit137-state-terminated.json");

        var pod = Assert.Single(list.Items);
        Assert.Equal("Failed", pod.Status!.Phase);
        var terminated = Assert.Single(pod.Status.ContainerStatuses!).State!.Terminated!;
        Assert.Equal("OOMKilled", terminated.Reason);
        Assert.Equal(137, terminated.ExitCode);
        Assert.Equal(new DateTimeOffset(2023, 7, 11, 4, 43, 25, TimeSpan.Zero), terminated.FinishedAt);
        Assert.Equal("batch/v1", pod.Metadata!.OwnerReferences![0].ApiVersion);
        Assert.True(pod.Metadata.ExtensionData!.ContainsKey("managedFields"));
    }

    [Fact]
    public void ContainerStatus_OomKilledRestartingPod_HasOomKilledInLastState()
    {
        var pod = K8sFixtures.Read<V1Pod>("pod-oomkilled-laststate.yaml");

        var status = Assert.Single(pod.Status!.ContainerStatuses!);
        Assert.Equal("OOMKilled", status.LastState!.Terminated!.Reason);
        Assert.Equal(1, status.LastState.Terminated.ExitCode); // edited to 1 in the source test data
        Assert.Equal(9, status.RestartCount);
        Assert.NotNull(status.State!.Running);
        Assert.False(status.Started);
        var container = Assert.Single(pod.Spec!.Containers!);
        Assert.Equal(["stress"], container.Command!);
        Assert.Equal(["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"], container.Args!);
        Assert.Equal(200L * 1024 * 1024, container.Resources!.Limits!["memory"].ToBytes());
        Assert.Equal("100Mi", container.Resources.Requests!["memory"].ToString());
        Assert.Equal("Burstable", pod.Status.QosClass);
        Assert.Equal("10.192.17.29", Assert.Single(pod.Status.PodIPs!).Ip);
    }

    [Fact]
    public void ContainerStatus_CrashLoopYaml_IsWaitingWithPreviousErrorExit()
    {
        var pod = K8sFixtures.Read<V1Pod>("pod-crashloopbackoff.yaml");

        var status = Assert.Single(pod.Status!.ContainerStatuses!);
        Assert.Equal("CrashLoopBackOff", status.State!.Waiting!.Reason);
        Assert.StartsWith("Back-off 40s restarting failed container=main", status.State.Waiting.Message, StringComparison.Ordinal);
        Assert.Equal("Error", status.LastState!.Terminated!.Reason);
        Assert.Equal(1, status.LastState.Terminated.ExitCode);
        Assert.Equal(3, status.RestartCount);
        Assert.Equal(new DateTimeOffset(2018, 12, 2, 9, 19, 36, TimeSpan.Zero), pod.Metadata!.CreationTimestamp);
        Assert.Equal("minikube", pod.Spec!.NodeName);
        Assert.Equal(300, pod.Spec.Tolerations![1].TolerationSeconds);
        Assert.Equal("node.kubernetes.io/unreachable", pod.Spec.Tolerations[1].Key);
        Assert.Equal(420, pod.Spec.Volumes![0].Secret!.DefaultMode);
        Assert.Equal("default-token-f9jvj", pod.Spec.Volumes[0].Secret!.SecretName);
        Assert.True(pod.Spec.Containers![0].VolumeMounts![0].ReadOnly);
    }

    [Fact]
    public void ContainerStatus_CrashLoopJson_HasBackOffMessageAndCannotRunExit127()
    {
        var pod = Assert.Single(K8sFixtures.Read<V1PodList>("pod-crashloopbackoff.json").Items);

        var status = Assert.Single(pod.Status!.ContainerStatuses!);
        Assert.Equal("CrashLoopBackOff", status.State!.Waiting!.Reason);
        Assert.StartsWith("back-off 1m20s restarting failed container=nginx", status.State.Waiting.Message, StringComparison.Ordinal);
        Assert.Equal(127, status.LastState!.Terminated!.ExitCode);
        Assert.Equal("ContainerCannotRun", status.LastState.Terminated.Reason);
        Assert.Equal(4, status.RestartCount);
    }

    [Fact]
    public void ContainerStatus_ImagePullBackOffPod_IsWaitingForImage()
    {
        var pod = K8sFixtures.Read<V1Pod>("pod-imagepullbackoff.yaml");

        var status = Assert.Single(pod.Status!.ContainerStatuses!);
        Assert.Equal("ImagePullBackOff", status.State!.Waiting!.Reason);
        Assert.Equal("Back-off pulling image \"gcr.io/heptio-images/ks-guestbook-demo:0.3\"", status.State.Waiting.Message);
        Assert.Equal(string.Empty, status.ImageID);
        Assert.Null(status.LastState!.Terminated);
        Assert.Equal("2279996225", pod.Metadata!.Labels![KubernetesLabels.PodTemplateHash]);
        Assert.True(pod.Metadata.OwnerReferences![0].Controller);
    }

    [Fact]
    public void ContainerStatus_ErrImagePullPod_IsWaitingWithPullError()
    {
        var pod = Assert.Single(K8sFixtures.Read<V1PodList>("pod-errimagepull.json").Items);

        Assert.Equal("Pending", pod.Status!.Phase);
        var waiting = Assert.Single(pod.Status.ContainerStatuses!).State!.Waiting!;
        Assert.Equal("ErrImagePull", waiting.Reason);
        Assert.Contains("x509", waiting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_PendingPod_IsUnschedulableForInsufficientResources()
    {
        var pod = Assert.Single(K8sFixtures.Read<V1PodList>("pod-pending-unschedulable-insufficient.json").Items);

        Assert.Equal("Pending", pod.Status!.Phase);
        var scheduled = Assert.Single(pod.Status.Conditions!, c => c.Type == "PodScheduled");
        Assert.Equal("False", scheduled.Status);
        Assert.Equal("Unschedulable", scheduled.Reason);
        Assert.Contains("Insufficient", scheduled.Message, StringComparison.Ordinal);
        Assert.Equal(5m, pod.Spec!.Containers![0].Resources!.Limits!["nvidia.com/gpu"].ToDecimal());
    }

    [Fact]
    public void Status_EvictedPod_IsFailedWithEvictedReason()
    {
        var pod = K8sFixtures.Read<V1Pod>("pod-evicted.yaml");

        Assert.Equal("Failed", pod.Status!.Phase);
        Assert.Equal("Evicted", pod.Status.Reason);
        Assert.Equal("The node was low on resource: memory. Threshold quantity: 750Mi, available: 179968Ki. ", pod.Status.Message);
        Assert.Equal("PodEvicted", Assert.Single(pod.Status.Conditions!).Reason);
        Assert.Equal(["sh", "-c", "echo Hello Kubernetes! && sleep 3600"], pod.Spec!.Containers![0].Command!);
    }
}
