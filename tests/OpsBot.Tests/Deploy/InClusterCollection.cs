namespace OpsBot.Tests.Deploy;

/// <summary>The tests that share one <see cref="InClusterOpsBot"/>; they run one after another (some change its RBAC).</summary>
[CollectionDefinition(Name)]
public sealed class InClusterCollection : ICollectionFixture<InClusterOpsBot>
{
    public const string Name = "in-cluster";
}
