namespace OpsBot.ClusterSim.Faults;

/// <summary>The active fault rules; thread-safe. Rules are evaluated in order; the first failing rule wins.</summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<(FaultRule Rule, int Matched, int Fired)> _rules = [];
    private readonly Random _random;

    public FaultInjector(int? seed = null) => _random = seed is { } s ? new Random(s) : new Random();

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules.Select(r => r.Rule)];
            }
        }
    }

    public void Add(FaultRule rule)
    {
        lock (_lock)
        {
            _rules.Add((rule, 0, 0));
        }
    }

    /// <summary>Replaces every rule.</summary>
    public void Set(IEnumerable<FaultRule> rules)
    {
        lock (_lock)
        {
            _rules.Clear();
            _rules.AddRange(rules.Select(r => (r, 0, 0)));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    public FaultDecision Evaluate(string verb, string group, string resource, string? subresource, string? ns, string? name)
    {
        lock (_lock)
        {
            var delay = TimeSpan.Zero;
            FaultRule? failure = null;
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, matched, fired) = _rules[i];
                if (!Matches(rule, verb, group, resource, subresource, ns, name) || (rule.Times is { } times && fired >= times))
                {
                    continue;
                }

                matched++;
                delay += TimeSpan.FromMilliseconds(rule.LatencyMs);
                var fails = rule.StatusCode != 0 && failure is null
                    && (rule.EveryNth is { } n ? matched % n == 0 : _random.NextDouble() < rule.ErrorRate);
                if (fails || (rule.StatusCode == 0 && rule.LatencyMs > 0))
                {
                    fired++;
                }

                if (fails)
                {
                    failure = rule;
                }

                _rules[i] = (rule, matched, fired);
            }

            return delay == TimeSpan.Zero && failure is null ? FaultDecision.None : new FaultDecision(delay, failure);
        }
    }

    private static bool Matches(FaultRule rule, string verb, string group, string resource, string? subresource, string? ns, string? name)
    {
        static bool Any(string? pattern) => string.IsNullOrEmpty(pattern) || pattern == "*";
        if (!Any(rule.Verb) && !string.Equals(rule.Verb, verb, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!Any(rule.Resource))
        {
            var full = subresource is null ? resource : $"{resource}/{subresource}";
            var qualified = group.Length == 0 ? full : $"{resource}.{group}" + (subresource is null ? "" : "/" + subresource);
            if (rule.Resource != full && rule.Resource != qualified && !(subresource is null && rule.Resource == resource))
            {
                return false;
            }
        }

        return (Any(rule.Namespace) || rule.Namespace == ns) && (Any(rule.Name) || rule.Name == name);
    }
}
