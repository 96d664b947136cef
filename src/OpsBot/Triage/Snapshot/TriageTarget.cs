namespace OpsBot.Triage;

/// <summary>The object triaged: a namespace, or a deployment or pod in it; <see cref="Cluster"/> when <c>--cluster</c> was given.</summary>
public sealed record TriageTarget(TriageScope Scope, string Namespace, string? Name = null, string? Cluster = null)
{
    /// <summary><c>namespace/shop</c>, <c>deploy/frontend</c>, <c>pod/web-1</c>.</summary>
    public string Display => Scope switch
    {
        TriageScope.Deployment => $"deploy/{Name}",
        TriageScope.Pod => $"pod/{Name}",
        _ => $"namespace/{Namespace}",
    };

    /// <summary>The argument that names this target again in a command (<c>deploy/frontend</c>, <c>ns/shop</c>).</summary>
    public string Argument => Scope switch
    {
        TriageScope.Deployment => $"deploy/{Name}",
        TriageScope.Pod => $"pod/{Name}",
        _ => $"ns/{Namespace}",
    };

    /// <summary>Where proposed commands run.</summary>
    public CommandScopeSuffix CommandScope => new(Namespace, Cluster);
}
