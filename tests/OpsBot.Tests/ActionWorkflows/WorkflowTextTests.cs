using OpsBot.ActionWorkflows;

namespace OpsBot.Tests.ActionWorkflows;

public sealed class WorkflowTextTests
{
    [Theory]
    [InlineData("spec.template.spec.containers[frontend].resources.limits.memory", "containers[frontend].resources.limits.memory")]
    [InlineData("spec.template.spec.containers[catalog].livenessProbe.timeoutSeconds", "containers[catalog].livenessProbe.timeoutSeconds")]
    [InlineData("spec.maxReplicas", "spec.maxReplicas")]
    [InlineData("spec.template.metadata.annotations[kubectl.kubernetes.io/restartedAt]", "spec.template.metadata.annotations[kubectl.kubernetes.io/restartedAt]")]
    [InlineData("spec.unschedulable", "spec.unschedulable")]
    public void Field_DropsOnlyThePodTemplatePrefix(string path, string shown) =>
        Assert.Equal(shown, WorkflowText.Field(path));
}
