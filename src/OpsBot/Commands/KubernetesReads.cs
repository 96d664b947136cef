using OpsBot.Kubernetes;

namespace OpsBot.Commands;

/// <summary>Reads of one named object whose "not found" becomes a sentence about that object.</summary>
public static class KubernetesReads
{
    /// <summary>Awaits <paramref name="read"/>; a 404 becomes "deployment frontend not found in namespace shop".</summary>
    public static async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, string kind, string name, string? ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error.IsNotFound())
        {
            throw new CommandFailedException(ns is null ? $"{kind} {name} not found" : $"{kind} {name} not found in namespace {ns}", error);
        }
    }
}
