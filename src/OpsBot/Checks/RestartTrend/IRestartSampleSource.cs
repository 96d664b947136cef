namespace OpsBot.Checks;

/// <summary>
/// Where <c>restart-trend</c> gets its samples: today <see cref="PodRestartSampleSource"/> lists the pods; a watch
/// cache can serve the same snapshot from its stream without a list per run.
/// </summary>
public interface IRestartSampleSource
{
    /// <summary>
    /// The restart count of every container OpsBot may read on <paramref name="cluster"/>, stamped with the cluster's
    /// clock. Throws when the cluster cannot be read: a check never guesses.
    /// </summary>
    Task<RestartSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken = default);
}
