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

    [Fact]
    public void Trim_PodsOfOneTemplate_ShareItsParts_APodThatDiffersKeepsItsOwn()
    {
        var text = SharedFixtures.ReadText("k8s", "pod-crashloopbackoff.json");
        var first = CachedObjects.Trim(KubernetesJson.Deserialize<V1PodList>(text).Items[0]);
        var second = CachedObjects.Trim(KubernetesJson.Deserialize<V1PodList>(text).Items[0]);
        var other = KubernetesJson.Deserialize<V1PodList>(text).Items[0];
        other.Spec.Containers[0].Image = "nginx:1.27.3";
        other = CachedObjects.Trim(other);

        Assert.Same(first.Spec.Containers, second.Spec.Containers);
        Assert.Same(first.Spec.Tolerations, second.Spec.Tolerations);
        Assert.NotSame(first.Spec.Containers, other.Spec.Containers);
        Assert.Equal("nginx:1.27.3", other.Spec.Containers[0].Image);
        Assert.Equal("nginx", first.Spec.Containers[0].Image);
        Assert.Same(first.Spec.Tolerations, other.Spec.Tolerations); // the part that did not change is still shared
        Assert.NotSame(first.Status, second.Status); // status is each pod's own
    }
}
