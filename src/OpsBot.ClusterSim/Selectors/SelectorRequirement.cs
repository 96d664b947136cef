namespace OpsBot.ClusterSim.Selectors;

/// <summary>One requirement of a selector: <c>app=web</c>, <c>tier in (a,b)</c>, <c>!canary</c>.</summary>
public sealed record SelectorRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.Equals => present && value == Values[0],
            SelectorOperator.NotEquals => !present || value != Values[0],
            SelectorOperator.In => present && Values.Contains(value!),
            SelectorOperator.NotIn => !present || !Values.Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => "!" + Key,
    };
}
