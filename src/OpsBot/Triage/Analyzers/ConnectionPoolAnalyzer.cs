using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using OpsBot.Kubernetes;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Database connection-pool exhaustion: clients log "too many connections", "remaining connection slots are
/// reserved", "Connection is not available" or ECONNREFUSED to the database port, while the database itself is up.
/// The client holding the most connections (replicas × pool size) is the one to restart now and to size for good:
/// pool × max replicas of every client must stay under the database's max_connections.
/// </summary>
public static partial class ConnectionPoolAnalyzer
{
    private static readonly SearchValues<string> PoolPhrases = SearchValues.Create(["too many c", "remaining connection slots", "connection is not available", "timeout acquiring", "econnrefused"], StringComparison.OrdinalIgnoreCase);

    private static readonly string[] DatabaseImages = ["postgres", "postgresql", "mysql", "mariadb", "pgbouncer"];

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var matches = WorkloadLogs.Matching(snapshot, IsPoolError);
        if (matches.Count == 0)
        {
            yield break;
        }

        var databases = matches.Keys.Concat(snapshot.Index.Deployments.Keys.Select(d => "deployment/" + d))
            .Distinct(StringComparer.Ordinal)
            .Where(w => WorkloadLogs.ImageOf(snapshot, w) is { } image && DatabaseImages.Contains(WorkloadLogs.Repository(image), StringComparer.OrdinalIgnoreCase))
            .ToList();
        var clients = matches.Keys.Where(w => !databases.Contains(w)).ToList();
        if (clients.Count == 0)
        {
            clients = [.. matches.Keys];
        }

        var ranked = clients
            .Select(w => (Workload: w, Replicas: Replicas(snapshot, w), Pool: PoolSize(snapshot, w, matches[w]), Errors: matches[w].Count))
            .OrderByDescending(c => c.Replicas * (c.Pool ?? 1))
            .ThenByDescending(c => c.Errors)
            .ToList();
        var culprit = ranked[0];
        var database = databases.FirstOrDefault();
        var maxConnections = database is null ? null : MaxConnections(snapshot, database);
        var evidence = new List<Evidence>();
        foreach (var (workload, lines) in matches.OrderByDescending(m => m.Value.Count).Take(4))
        {
            var last = lines.OrderBy(l => l.Line.At).Last();
            evidence.Add(new Evidence("log", TriageText.Excerpt(last.Line.Text), $"pod/{last.Pod}") { Count = lines.Count, At = last.Line.At });
        }

        var holding = string.Join(", ", ranked.Select(c => $"{Short(c.Workload)} {c.Replicas} replicas × pool {(c.Pool is { } p ? p.ToString(CultureInfo.InvariantCulture) : "?")}"));
        evidence.Add(new Evidence("spec", holding + (maxConnections is { } max ? $"; {Short(database!)} max_connections={max}" : string.Empty), culprit.Workload));
        var total = ranked.Where(c => c.Pool is not null).Sum(c => c.Replicas * c.Pool!.Value);
        var deployment = culprit.Workload.StartsWith("deployment/", StringComparison.Ordinal) ? culprit.Workload["deployment/".Length..] : null;
        var proposals = new List<ActionProposal>();
        if (deployment is not null)
        {
            proposals.Add(new RestartProposal(deployment, snapshot.Target.CommandScope) { Rationale = "a rolling restart releases the connections its pods hold (it buys time, the sizing fixes it)" });
        }

        var fit = maxConnections is { } m && culprit.Pool is { } pool && pool > 0 ? Math.Max(1, (m - (total - culprit.Replicas * pool) - 5) / pool) : (int?)null;
        proposals.Add(new AdviceProposal("size-connection-pool", maxConnections is { } mc
            ? $"Keep pool size × max replicas of all clients under max_connections ({mc}): today {total}. {(fit is { } f ? $"{Short(culprit.Workload)} fits with ≤ {f} replicas at pool {culprit.Pool}, or a smaller pool; " : string.Empty)}consider PgBouncer."
            : "Keep pool size × max replicas of every client under the database's max_connections; consider a connection pooler (PgBouncer)."));
        if (deployment is not null && snapshot.Index.HpaByDeployment.TryGetValue(deployment, out var hpa) && fit is { } fits && (hpa.Spec?.MaxReplicas ?? 0) > fits)
        {
            proposals.Add(new ScaleHpaProposal(hpa.Metadata?.Name ?? deployment, null, fits, null, snapshot.Target.CommandScope) { Rationale = "so the autoscaler cannot open more connections than the database accepts" });
        }

        yield return new Finding
        {
            Id = Finding.IdOf(FindingKinds.ConnectionPoolExhaustion, culprit.Workload),
            Kind = FindingKinds.ConnectionPoolExhaustion,
            Title = $"Database connections exhausted ({Short(culprit.Workload)} holds the most)",
            Severity = Severity.Critical,
            Confidence = database is not null ? 0.85 : 0.7,
            Summary = $"Clients are refused database connections ({string.Join(", ", matches.Keys.Select(Short))} log it){(database is null ? string.Empty : $" while {Short(database)} itself is up")}: the pools hold more connections than the database accepts{(maxConnections is { } x ? $" ({total} wanted vs max_connections {x})" : string.Empty)}. {Short(culprit.Workload)} holds the most ({culprit.Replicas} replicas × pool {(culprit.Pool is { } q ? q.ToString(CultureInfo.InvariantCulture) : "?")}).",
            Evidence = evidence,
            Resources = [culprit.Workload, .. (database is null ? Array.Empty<string>() : [database]), .. ranked.Skip(1).Select(c => c.Workload)],
            Proposals = proposals,
            StartedAt = matches.Values.SelectMany(l => l).Select(l => l.Line.At).Where(t => t is not null).DefaultIfEmpty().Min(),
        };
    }

    public static bool IsPoolError(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // Every sampled line passes here: one vectorized search for the phrases' beginnings rules most lines out.
        if (line.AsSpan().IndexOfAny(PoolPhrases) < 0)
        {
            return false;
        }

        return line.Contains("too many connections", StringComparison.OrdinalIgnoreCase)
            || line.Contains("too many clients", StringComparison.OrdinalIgnoreCase)
            || line.Contains("remaining connection slots are reserved", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Connection is not available, request timed out", StringComparison.Ordinal)
            || line.Contains("timeout acquiring a connection", StringComparison.OrdinalIgnoreCase)
            || (line.Contains("ECONNREFUSED", StringComparison.Ordinal) && DatabasePort().IsMatch(line));
    }

    private static int Replicas(ClusterSnapshot snapshot, string workload) =>
        workload.StartsWith("deployment/", StringComparison.Ordinal) && snapshot.Index.Deployments.TryGetValue(workload["deployment/".Length..], out var d)
            ? d.Spec?.Replicas ?? snapshot.Index.PodsOf(workload["deployment/".Length..]).Count
            : 1;

    /// <summary>The pool size from an env var named like <c>DB_POOL_SIZE</c>, else from a pool's log line (<c>maximumPoolSize=20</c>, <c>total=20</c>).</summary>
    private static int? PoolSize(ClusterSnapshot snapshot, string workload, IEnumerable<(string Pod, LogLine Line)> lines)
    {
        if (workload.StartsWith("deployment/", StringComparison.Ordinal) && snapshot.Index.Deployments.TryGetValue(workload["deployment/".Length..], out var d))
        {
            foreach (var env in d.Spec?.Template?.Spec?.Containers?.SelectMany(c => c.Env ?? []) ?? [])
            {
                if (env.Name?.Contains("POOL", StringComparison.OrdinalIgnoreCase) == true && int.TryParse(env.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    return size;
                }
            }
        }

        foreach (var (_, line) in lines)
        {
            if (PoolInLog().Match(line.Text) is { Success: true } match)
            {
                return int.Parse(match.Groups["size"].ValueSpan, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static int? MaxConnections(ClusterSnapshot snapshot, string database)
    {
        if (!snapshot.Index.Deployments.TryGetValue(database["deployment/".Length..], out var d))
        {
            return null;
        }

        foreach (var container in d.Spec?.Template?.Spec?.Containers ?? [])
        {
            foreach (var text in (container.Args ?? []).Concat(container.Command ?? []).Concat((container.Env ?? []).Select(e => $"{e.Name}={e.Value}")))
            {
                if (MaxConnectionsSetting().Match(text) is { Success: true } match)
                {
                    return int.Parse(match.Groups["max"].ValueSpan, CultureInfo.InvariantCulture);
                }
            }
        }

        return null;
    }

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];

    [GeneratedRegex(@":(5432|3306|6432)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DatabasePort();

    [GeneratedRegex(@"(?:maximumPoolSize|total|pool_size|poolSize)\s*[=:]\s*(?<size>\d{1,5})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PoolInLog();

    [GeneratedRegex(@"max_connections\s*=\s*(?<max>\d{1,6})|MAX_CONNECTIONS=(?<max>\d{1,6})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex MaxConnectionsSetting();
}
