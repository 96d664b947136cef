namespace OpsBot.ClusterSim.Selectors;

/// <summary>The operators of label and field selector requirements.</summary>
public enum SelectorOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
