namespace OpsBot.Kubernetes.Tests.Connection;

/// <summary>
/// Tests that write a script and then run it share one collection, so no test forks while another
/// still has a script open for writing (Linux refuses to run such a file: "Text file busy").
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExecPluginsCollection
{
    public const string Name = "Exec plugins";
}
