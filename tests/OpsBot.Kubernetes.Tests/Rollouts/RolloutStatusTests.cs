using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes.Tests.Rollouts;

public sealed class RolloutStatusTests
{
    private static V1Deployment Deployment(long generation, string status) => KubernetesJson.Deserialize<V1Deployment>(
        $$"""{"metadata":{"name":"web","generation":{{generation}}},"spec":{"replicas":3},"status":{{status}}}""");

    [Theory]
    [InlineData(4, """{"observedGeneration":3}""", false, false, "Waiting for deployment spec update to be observed...")]
    [InlineData(3, """{"observedGeneration":3,"updatedReplicas":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}""", false, true, "deployment \"web\" exceeded its progress deadline")]
    [InlineData(3, """{"observedGeneration":3,"replicas":4,"updatedReplicas":1}""", false, false, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...")]
    [InlineData(3, """{"observedGeneration":3,"replicas":5,"updatedReplicas":3}""", false, false, "Waiting for deployment \"web\" rollout to finish: 2 old replicas are pending termination...")]
    [InlineData(3, """{"observedGeneration":3,"replicas":3,"updatedReplicas":3,"availableReplicas":2}""", false, false, "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...")]
    [InlineData(3, """{"observedGeneration":3,"replicas":3,"updatedReplicas":3,"availableReplicas":3}""", true, false, "deployment \"web\" successfully rolled out")]
    public void Of_FollowsKubectlRules(long generation, string status, bool done, bool failed, string message)
    {
        var result = RolloutStatus.Of(Deployment(generation, status));

        Assert.Equal(new RolloutStatus(done, failed, message), result);
    }
}
