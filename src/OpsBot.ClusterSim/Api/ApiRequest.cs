using Microsoft.AspNetCore.Http;

namespace OpsBot.ClusterSim.Api;

/// <summary>One resource request, parsed: its path, verb and the query options the handlers read.</summary>
public sealed record ApiRequest(HttpContext Context, ResourcePath Path, string Verb)
{
    public ResourceDefinition Definition => Path.Definition;

    public string? Query(string name) => Context.Request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    public bool Flag(string name) => Query(name) is "true" or "1";

    public bool DryRun => Context.Request.Query.TryGetValue("dryRun", out var v) && v.Count > 0 && v.Any(x => x == "All");

    /// <summary>The client asked for a server-side Table (<c>as=Table;v=v1;g=meta.k8s.io</c>).</summary>
    public bool WantsTable => Context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    /// <summary>The client asked for metadata only (<c>as=PartialObjectMetadata</c> or <c>…List</c>).</summary>
    public bool WantsMetadataOnly => !WantsTable && Context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=PartialObjectMetadata", StringComparison.Ordinal));

    public CancellationToken Aborted => Context.RequestAborted;
}
