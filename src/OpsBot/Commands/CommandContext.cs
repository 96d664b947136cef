using OpsBot.Caching;
using OpsBot.Chat;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Commands;

/// <summary>Everything a handler needs for one request, resolved and authorized by the pipeline.</summary>
public sealed record CommandContext
{
    public required ChatRequest Request { get; init; }

    public required ParsedCommand Command { get; init; }

    /// <summary>The cluster's name (for the reply's context line).</summary>
    public required string ClusterName { get; init; }

    /// <summary>The cluster's API client: what actions and their verification use (always fresh).</summary>
    public required IKubernetes Client { get; init; }

    /// <summary>
    /// Reads for looking (commands, triage): from the cluster's watch cache when it is synced, else from the API; the
    /// context line says which (<see cref="ClusterReads.Describe"/>). Without one set, every read goes to the API.
    /// </summary>
    public ClusterReads Reads
    {
        get => _reads ??= ClusterReads.ApiOnly(Client);
        init => _reads = value;
    }

    private ClusterReads? _reads;

    /// <summary>The namespace to work in: <c>-n</c>, else the channel's default, else <c>default</c>. Unused with <see cref="AllNamespaces"/>.</summary>
    public required string Namespace { get; init; }

    /// <summary>Whether <c>-A</c> was given: list everywhere, then keep what <see cref="IsNamespaceVisible"/> allows.</summary>
    public bool AllNamespaces { get; init; }

    /// <summary>Whether the user (in this channel) may see objects of a namespace; filters <c>-A</c> and cluster-wide listings.</summary>
    public required Func<string, bool> IsNamespaceVisible { get; init; }

    public required TimeProvider Time { get; init; }

    public required CommandOptions Options { get; init; }
}
