using k8s;
using k8s.Models;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using OpsBot.Testing;

namespace OpsBot.Tests.Caching;

/// <summary>What the cache keeps of a real pod: what readers use, without what none does.</summary>
public sealed class CachedObjectsTests
{
    [Fact]
    public void Trim_RealPod_DropsTheTokenVolumeIdsAndDefaults_KeepsWhatReadersUse()
    {
        var pods = KubernetesJson.Deserialize<V1PodList>(SharedFixtures.ReadText("k8s", "pod-crashloopbackoff.json"));
        var pod = pods.Items[0];
        var before = PodSummary.Of(pod);
        var restarts = pod.Status.ContainerStatuses.Select(s => (s.Name, s.RestartCount, s.LastState?.Terminated?.Reason, s.State?.Waiting?.Reason)).ToList();

        var trimmed = CachedObjects.Trim(pod);

        Assert.Null(trimmed.Metadata.ManagedFields);
        Assert.Null(trimmed.Spec.Volumes);
        Assert.All(trimmed.Spec.Containers, container => Assert.Null(container.VolumeMounts));
        Assert.All(trimmed.Status.ContainerStatuses, status => Assert.Null(status.ContainerID ?? status.ImageID));
        Assert.Null(trimmed.Status.PodIPs);
        Assert.Equal(restarts, trimmed.Status.ContainerStatuses.Select(s => (s.Name, s.RestartCount, s.LastState?.Terminated?.Reason, s.State?.Waiting?.Reason)));
        Assert.Equal(before, PodSummary.Of(trimmed));
        Assert.NotNull(trimmed.Status.PodIP);
        Assert.NotEmpty(trimmed.Spec.Tolerations);
    }

    [Fact]
    public void Trim_PodWithAClaim_KeepsItsVolumeAndMount()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "db-0", NamespaceProperty = "shop" },
            Spec = new V1PodSpec
            {
                Volumes =
                [
                    new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data-db-0" } },
                    new V1Volume { Name = "kube-api-access-x1", Projected = new V1ProjectedVolumeSource() },
                ],
                Containers = [new V1Container { Name = "db", VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/var/lib/db" }, new V1VolumeMount { Name = "kube-api-access-x1", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount" }] }],
            },
        };

        var trimmed = CachedObjects.Trim(pod);

        Assert.Equal(["data-db-0"], trimmed.Spec.Volumes!.Select(v => v.PersistentVolumeClaim?.ClaimName));
        Assert.Equal(["data"], trimmed.Spec.Containers[0].VolumeMounts!.Select(m => m.Name));
    }
}
