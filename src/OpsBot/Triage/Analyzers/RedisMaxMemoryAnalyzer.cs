using System.Text.RegularExpressions;
using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// A Redis at its maxmemory with a no-eviction policy: writes fail with "OOM command not allowed when used memory &gt;
/// 'maxmemory'", in Redis' own log and in its clients'. The remedy is more memory (limit and maxmemory together) or an
/// eviction policy that fits a cache.
/// </summary>
public static partial class RedisMaxMemoryAnalyzer
{
    public const string Signature = "OOM command not allowed when used memory";

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var matches = WorkloadLogs.Matching(snapshot, line => line.Contains(Signature, StringComparison.Ordinal));
        var redisWorkloads = matches.Keys.Concat(snapshot.Index.Deployments.Keys.Select(d => "deployment/" + d)).Distinct(StringComparer.Ordinal)
            .Where(w => WorkloadLogs.ImageOf(snapshot, w) is { } image && WorkloadLogs.Repository(image).Contains("redis", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count == 0)
        {
            yield break;
        }

        var redis = redisWorkloads.FirstOrDefault(matches.ContainsKey) ?? redisWorkloads.FirstOrDefault() ?? matches.Keys.First();
        var container = Container(snapshot, redis);
        var evidence = new List<Evidence>();
        foreach (var (workload, lines) in matches.OrderByDescending(m => m.Key == redis).ThenByDescending(m => m.Value.Count).Take(3))
        {
            var last = lines.OrderBy(l => l.Line.At).Last();
            evidence.Add(new Evidence("log", TriageText.Excerpt(last.Line.Text), "pod/" + last.Pod) { Count = lines.Count, At = last.Line.At });
        }

        var args = string.Join(' ', (container?.Args ?? []).Concat(container?.Command ?? []));
        var maxmemory = MaxMemory().Match(args) is { Success: true } m ? m.Groups["value"].Value : null;
        var policy = Policy().Match(args) is { Success: true } p ? p.Groups["value"].Value : null;
        var limit = container?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var l) ? l.ToBytes() : (long?)null;
        var request = container?.Resources?.Requests is { } requests && requests.TryGetValue("memory", out var r) ? r.ToBytes() : (long?)null;
        long usage = 0;
        foreach (var pod in redis.StartsWith("deployment/", StringComparison.Ordinal) ? snapshot.Index.PodsOf(redis["deployment/".Length..]) : [])
        {
            if (snapshot.Index.MetricsByPod.TryGetValue(pod.Metadata?.Name ?? string.Empty, out var metrics) && metrics.Containers?.FirstOrDefault()?.Usage?.TryGetValue("memory", out var used) == true)
            {
                usage = Math.Max(usage, used.ToBytes());
            }
        }

        evidence.Add(new Evidence("spec", $"maxmemory {maxmemory ?? "?"}, policy {policy ?? "?"}; memory {(usage > 0 ? TriageText.Bytes(usage) : "?")} of limit {(limit is { } lim ? TriageText.Bytes(lim) : "none")}", redis));
        var proposals = new List<ActionProposal>();
        var deployment = redis.StartsWith("deployment/", StringComparison.Ordinal) ? redis["deployment/".Length..] : null;
        if (deployment is not null && container?.Name is { } name && limit is { } current)
        {
            var newLimit = MemorySizes.RoundUp(current * 2);
            var newRequest = MemorySizes.RoundUp(Math.Max(request ?? 0, newLimit / 2));
            proposals.Add(new SetResourcesProposal(deployment, name, MemorySizes.Format(newLimit), MemorySizes.Format(Math.Min(newRequest, newLimit)), snapshot.Target.CommandScope) { Rationale = "twice the limit, so maxmemory can grow with it" });
            proposals.Add(new AdviceProposal("raise-maxmemory", $"Raise --maxmemory with it (about 75% of the new limit: {(newLimit >> 20) * 3 / 4}mb){(policy == "noeviction" ? ", or use maxmemory-policy allkeys-lru if this Redis is a cache" : string.Empty)}."));
        }
        else
        {
            proposals.Add(new AdviceProposal("raise-maxmemory", "Give Redis more memory (limit and --maxmemory together) or an eviction policy such as allkeys-lru if it is a cache."));
        }

        yield return new Finding
        {
            Id = Finding.IdOf(FindingKinds.RedisMaxMemory, redis),
            Kind = FindingKinds.RedisMaxMemory,
            Title = $"Redis {redis[(redis.IndexOf('/', StringComparison.Ordinal) + 1)..]} is at maxmemory: writes refused",
            Severity = Severity.Critical,
            Confidence = redisWorkloads.Count > 0 ? 0.9 : 0.7,
            Summary = $"Redis refuses writes (\"OOM command not allowed when used memory > 'maxmemory'\"){(policy == "noeviction" ? " because its policy is noeviction" : string.Empty)}; {string.Join(", ", matches.Keys.Where(k => k != redis).Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).DefaultIfEmpty("its clients"))} fall back to slower paths (cache misses).",
            Evidence = evidence,
            Resources = [redis, .. matches.Keys.Where(k => k != redis)],
            Proposals = proposals,
            StartedAt = matches.Values.SelectMany(v => v).Select(v => v.Line.At).Where(t => t is not null).DefaultIfEmpty().Min(),
        };
    }

    private static V1Container? Container(ClusterSnapshot snapshot, string workload)
    {
        if (workload.StartsWith("deployment/", StringComparison.Ordinal) && snapshot.Index.Deployments.TryGetValue(workload["deployment/".Length..], out var d))
        {
            return d.Spec?.Template?.Spec?.Containers?.FirstOrDefault(c => c.Image?.Contains("redis", StringComparison.OrdinalIgnoreCase) == true) ?? d.Spec?.Template?.Spec?.Containers?.FirstOrDefault();
        }

        return snapshot.Index.PodsByName.TryGetValue(workload["pod/".Length..], out var pod) ? pod.Spec?.Containers?.FirstOrDefault() : null;
    }

    [GeneratedRegex(@"--maxmemory[ =](?<value>\S+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex MaxMemory();

    [GeneratedRegex(@"--maxmemory-policy[ =](?<value>\S+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Policy();
}
