using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>Which revision failing pods run, and the one before it: the rollback target.</summary>
public static class RolloutHistory
{
    /// <summary>The revision of the ReplicaSet before the one <paramref name="pods"/> belong to (when they run the newest), else null.</summary>
    public static PreviousRevision? Previous(SnapshotIndex index, string deployment, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(pods);
        var sets = index.ReplicaSetsOf(deployment);
        if (sets.Count < 2)
        {
            return null;
        }

        var newest = sets[0];
        var podSets = pods.Select(SnapshotIndex.ReplicaSetOf).ToHashSet(StringComparer.Ordinal);
        if (!podSets.Contains(newest.Metadata?.Name))
        {
            return null;
        }

        var previous = sets[1];
        return new PreviousRevision(SnapshotIndex.RevisionOf(previous), previous, SnapshotIndex.RevisionOf(newest), newest);
    }
}

/// <summary>The revision to go back to (<see cref="Revision"/>) and the one that broke (<see cref="NewRevision"/>).</summary>
public sealed record PreviousRevision(long Revision, V1ReplicaSet ReplicaSet, long NewRevision, V1ReplicaSet NewReplicaSet);
