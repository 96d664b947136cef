using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Tests.Models;

public sealed class V1DeploymentTests
{
    [Theory]
    [InlineData("deployment-progressdeadlineexceeded.yaml", "user-profile-resources-659d4dd659")]
    [InlineData("deployment-progressdeadlineexceeded-ishealthy.yaml", "bad-image-deployment-657df9457")]
    public void Conditions_StuckDeployment_ReportProgressDeadlineExceeded(string fileName, string replicaSet)
    {
        var deployment = K8sFixtures.Read<V1Deployment>(fileName);

        var progressing = Assert.Single(deployment.Status!.Conditions!, c => c.Type == "Progressing");
        Assert.Equal("False", progressing.Status);
        Assert.Equal("ProgressDeadlineExceeded", progressing.Reason);
        Assert.Equal($"ReplicaSet \"{replicaSet}\" has timed out progressing.", progressing.Message);
        Assert.Equal("MinimumReplicasUnavailable", deployment.Status.Conditions!.Single(c => c.Type == "Available").Reason);
        Assert.Equal(1, deployment.Status.UnavailableReplicas);
        Assert.Null(deployment.Status.AvailableReplicas);
        Assert.Equal(deployment.Metadata!.Generation, deployment.Status.ObservedGeneration);
        Assert.Equal("1", deployment.Metadata.Annotations![KubernetesAnnotations.Revision]);
    }

    [Fact]
    public void Spec_RollingUpdate_ReadsPercentagesAndTemplate()
    {
        var deployment = K8sFixtures.Read<V1Deployment>("deployment-progressdeadlineexceeded-ishealthy.yaml");

        var spec = deployment.Spec!;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal(20, spec.ProgressDeadlineSeconds);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal("bad-image-app", spec.Selector!.MatchLabels!["app"]);
        Assert.Equal("RollingUpdate", spec.Strategy!.Type);
        var maxSurge = spec.Strategy.RollingUpdate!.MaxSurge!.Value;
        Assert.True(maxSurge.IsPercent);
        Assert.Equal(1, maxSurge.GetScaledValue(1, roundUp: true));
        Assert.Equal(0, spec.Strategy.RollingUpdate.MaxUnavailable!.Value.GetScaledValue(1, roundUp: false));
        var container = Assert.Single(spec.Template!.Spec!.Containers!);
        Assert.Equal("ngnix:latest", container.Image);
        Assert.Equal(80, container.Ports![0].ContainerPort);
        Assert.Equal(200, container.Resources!.Requests!["cpu"].ToMillicores());
        Assert.Equal(512L * 1024 * 1024, container.Resources.Limits!["memory"].ToBytes());
    }

    [Fact]
    public void Template_NullCreationTimestamp_ReadsAsNull()
    {
        var deployment = K8sFixtures.Read<V1Deployment>("deployment-progressdeadlineexceeded.yaml");

        Assert.Null(deployment.Spec!.Template!.Metadata!.CreationTimestamp);
        Assert.Equal(3000, deployment.Spec.Template.Spec!.Containers![0].Resources!.Limits!["cpu"].ToMillicores());
        Assert.StartsWith("{\"apiVersion\":\"apps/v1\"", deployment.Metadata!.Annotations![KubernetesAnnotations.LastAppliedConfiguration], StringComparison.Ordinal);
    }
}
