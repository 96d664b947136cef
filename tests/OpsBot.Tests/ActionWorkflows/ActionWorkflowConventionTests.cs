using OpsBot.ActionWorkflows;
using OpsBot.Testing;

namespace OpsBot.Tests.ActionWorkflows;

public sealed class ActionWorkflowConventionTests
{
    [Fact]
    public void PublicAsyncMethods_ActionWorkflows_TakeCancellationTokenLast()
    {
        var types = typeof(ActionWorkflowService).Assembly.GetExportedTypes().Where(type => type.Namespace == typeof(ActionWorkflowService).Namespace);

        Assert.Empty(AsyncApiConventions.Violations(types));
    }
}
