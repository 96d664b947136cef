using System.Text.RegularExpressions;
using OpsBot.Kubernetes;
using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// A container that cannot resolve the host it was told to reach (Java <c>UnknownHostException</c>, libpq "could not
/// translate host name", Node <c>getaddrinfo ENOTFOUND</c>, Go "no such host"): the host, the log line, where the
/// container's configuration names it (an env var, literal or from a ConfigMap or Secret key) and which Services of the
/// namespace it could have meant. An SRE fixes the reference, not the container.
/// </summary>
public static partial class UnresolvableHost
{
    public sealed record Diagnosis(string Host, LogLine Line, ConfigSource? Source, IReadOnlyList<string> ExistingServices, IReadOnlyList<string> LikelyServices);

    /// <summary>Where a value comes from: <c>env REVIEWS_DB_URL from ConfigMap reviews-config key REVIEWS_DB_URL</c>.</summary>
    public sealed record ConfigSource(string Env, string? Kind, string? Name, string? Key, bool Confirmed)
    {
        /// <summary>The object to fix (<c>configmap/reviews-config</c>), or null for a literal in the pod template.</summary>
        public string? Resource => Kind is null ? null : $"{Kind.ToLowerInvariant()}/{Name}";

        public string Describe() => Kind is null ? $"env {Env} (set in the pod template)" : $"env {Env} from {Kind} {Name}{(Key is null ? string.Empty : $" key {Key}")}";
    }

    /// <summary>The first unresolvable host in <paramref name="lines"/>, with where the container's config names it.</summary>
    public static Diagnosis? Find(ClusterSnapshot snapshot, V1Container? container, IEnumerable<LogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var host = HostOf(line.Text);
            if (host is null)
            {
                continue;
            }

            var services = snapshot.Services.Select(s => s.Metadata?.Name).OfType<string>().Order(StringComparer.Ordinal).ToList();
            var label = host.Split('.')[0];
            var likely = services.Where(s => s != label && (label.StartsWith(s, StringComparison.Ordinal) || s.StartsWith(label, StringComparison.Ordinal) || label.Split('-')[0] == s.Split('-')[0])).Take(3).ToList();
            return new Diagnosis(host, line, SourceOf(snapshot, container, host), services, likely);
        }

        return null;
    }

    /// <summary>The host a DNS failure names, or null.</summary>
    public static string? HostOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text);
        return match.Success && match.Groups["host"].Value.TrimEnd('.', ':') is { Length: > 0 } host ? host : null;
    }

    private static ConfigSource? SourceOf(ClusterSnapshot snapshot, V1Container? container, string host)
    {
        if (container is null)
        {
            return null;
        }

        var configMaps = snapshot.ConfigMaps.Where(c => c.Metadata?.Name is not null).ToDictionary(c => c.Metadata!.Name!, StringComparer.Ordinal);
        ConfigSource? guess = null;
        foreach (var env in container.Env ?? [])
        {
            if (env.Value?.Contains(host, StringComparison.Ordinal) == true)
            {
                return new ConfigSource(env.Name, null, null, null, Confirmed: true);
            }

            if (env.ValueFrom?.ConfigMapKeyRef is { } cm && configMaps.TryGetValue(cm.Name ?? string.Empty, out var map) && map.Data?.TryGetValue(cm.Key, out var value) == true && value.Contains(host, StringComparison.Ordinal))
            {
                return new ConfigSource(env.Name, "ConfigMap", cm.Name, cm.Key, Confirmed: true);
            }

            // A Secret's value is never read: an address-like variable from a Secret is where the host most likely comes from.
            if (guess is null && env.ValueFrom?.SecretKeyRef is { } secret && AddressLike().IsMatch(env.Name))
            {
                guess = new ConfigSource(env.Name, "Secret", secret.Name, secret.Key, Confirmed: false);
            }

            if (guess is null && env.ValueFrom?.ConfigMapKeyRef is { } map2 && AddressLike().IsMatch(env.Name))
            {
                guess = new ConfigSource(env.Name, "ConfigMap", map2.Name, map2.Key, Confirmed: false);
            }
        }

        foreach (var from in container.EnvFrom ?? [])
        {
            if (from.ConfigMapRef is { } cm && configMaps.TryGetValue(cm.Name ?? string.Empty, out var map) && map.Data?.FirstOrDefault(p => p.Value.Contains(host, StringComparison.Ordinal)) is { Key: not null } hit)
            {
                return new ConfigSource((from.Prefix ?? string.Empty) + hit.Key, "ConfigMap", cm.Name, hit.Key, Confirmed: true);
            }

            if (guess is null && from.SecretRef is { } secret)
            {
                guess = new ConfigSource("(all keys)", "Secret", secret.Name, null, Confirmed: false);
            }
        }

        return guess;
    }

    /// <summary>Advice that names the reference to fix and the Services that exist.</summary>
    public static AdviceProposal Advice(Diagnosis diagnosis, string ns)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var where = diagnosis.Source is { } source
            ? $"{(source.Confirmed ? "It comes from" : "It most likely comes from")} {source.Describe()}: point it at a host that exists"
            : "Find where the container's configuration names it and point it at a host that exists";
        var instead = diagnosis.LikelyServices.Count > 0 ? $" (the Service{(diagnosis.LikelyServices.Count > 1 ? "s" : string.Empty)} here: {string.Join(", ", diagnosis.LikelyServices)})" : string.Empty;
        var then = diagnosis.Source?.Kind is "ConfigMap" or "Secret" ? $", then restart the workload so that its pods read the new value" : string.Empty;
        return new AdviceProposal("fix-config-reference", $"Host \"{diagnosis.Host}\" does not resolve in {ns}. {where}{instead}{then}.");
    }

    public static Evidence Evidence(Diagnosis diagnosis, string source)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        return new Evidence("log", TriageText.Excerpt(diagnosis.Line.Text), source) { At = diagnosis.Line.At };
    }

    public static Evidence Reference(Diagnosis diagnosis, string workload)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var exists = diagnosis.ExistingServices.Contains(diagnosis.Host.Split('.')[0]);
        return new Evidence("spec", $"{(diagnosis.Source is { } s ? s.Describe() + " names" : "the container reaches")} {diagnosis.Host}; {(exists ? "a Service of that name exists (check its namespace and DNS)" : $"no Service {diagnosis.Host.Split('.')[0]} in this namespace{(diagnosis.ExistingServices.Count > 0 ? $" (Services: {string.Join(", ", diagnosis.ExistingServices.Take(8))})" : string.Empty)}")}", workload);
    }

    [GeneratedRegex(@"(?:UnknownHostException:\s*(?<host>[\w.-]+)|could not translate host name ""(?<host>[^""]+)""|getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<host>[\w.-]+)|lookup (?<host>[\w.-]+)(?: on [\d.:\[\]a-f]+)?: no such host|dial tcp: lookup (?<host>[\w.-]+): (?:no such host|Temporary failure in name resolution))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(URL|URI|HOST|DSN|ADDR|ADDRESS|ENDPOINT|SERVER|CONNECTION)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex AddressLike();
}
