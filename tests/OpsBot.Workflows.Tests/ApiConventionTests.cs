using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Tests;

public sealed class ApiConventionTests
{
    [Fact]
    public void PublicAsyncMethods_TakeCancellationTokenLast()
    {
        Assert.Empty(AsyncApiConventions.Violations(typeof(ActionWorkflowStore).Assembly));
    }
}
