using OpsBot.Commands;
using OpsBot.Testing;

namespace OpsBot.Tests.Commands;

public sealed class ApiConventionTests
{
    // ClusterObjects holds the helpers that were in Commands.
    private static readonly string[] Namespaces = ["OpsBot.Commands", "OpsBot.Authorization", "OpsBot.Audit", "OpsBot.Clusters", "OpsBot.ClusterObjects"];

    [Fact]
    public void PublicAsyncMethods_CommandsAuthorizationAuditClusters_TakeCancellationTokenLast()
    {
        var types = typeof(CommandPipeline).Assembly.GetExportedTypes()
            .Where(type => Namespaces.Any(ns => type.Namespace == ns || (type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) ?? false)));

        Assert.Empty(AsyncApiConventions.Violations(types));
    }
}
