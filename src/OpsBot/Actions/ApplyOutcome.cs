namespace OpsBot.Actions;

/// <summary>What <see cref="IClusterAction.ApplyAsync"/> did.</summary>
public enum ApplyOutcome
{
    /// <summary>The change was made now.</summary>
    Applied,

    /// <summary>The object already carried this workflow's id: the change had landed (e.g. before a crash).</summary>
    AlreadyApplied,
}
