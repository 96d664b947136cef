using System.Globalization;
using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Services that answer nothing even when no pod fails: a selector that matches no pod (labels changed, the workload
/// scaled to 0), selected pods none of which is Ready, a <c>targetPort</c> no selected container exposes, and Ingress
/// rules that route to a Service that does not exist. Read from Services, Endpoints and the pods' labels and ports.
/// </summary>
public static class ServiceAnalyzer
{
    /// <summary>A Service without endpoints for less than this may be a deployment in progress.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var routed = snapshot.Ingresses
            .SelectMany(i => (i.Spec?.Rules ?? []).SelectMany(r => r.Http?.Paths ?? []).Select(p => (Ingress: i.Metadata?.Name ?? "?", Service: p.Backend?.Service?.Name, Path: (string?)p.Path))
                .Concat(i.Spec?.DefaultBackend?.Service?.Name is { } d ? [(Ingress: i.Metadata?.Name ?? "?", Service: (string?)d, Path: (string?)"(default)")] : []))
            .Where(r => r.Service is not null)
            .ToList();
        var endpoints = snapshot.Endpoints.Where(e => e.Metadata?.Name is not null).ToDictionary(e => e.Metadata!.Name!, StringComparer.Ordinal);

        // Pods by one label pair, so that each Service looks only at pods carrying its first selector pair.
        // Keyed by the pair itself (no string built per label of every pod), and only the pairs a Service starts with.
        var byLabel = new Dictionary<(string Key, string Value), List<V1Pod>>();
        foreach (var service in snapshot.Services)
        {
            if (service.Spec?.Selector is { Count: > 0 } wanted)
            {
                var pair = wanted.OrderBy(p => p.Key, StringComparer.Ordinal).First();
                byLabel.TryAdd((pair.Key, pair.Value), []);
            }
        }

        foreach (var pod in snapshot.Pods.Where(p => p.Metadata?.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")))
        {
            foreach (var label in pod.Metadata?.Labels ?? new Dictionary<string, string>())
            {
                if (byLabel.TryGetValue((label.Key, label.Value), out var list))
                {
                    list.Add(pod);
                }
            }
        }

        foreach (var service in snapshot.Services)
        {
            var name = service.Metadata?.Name ?? "?";
            var selector = service.Spec?.Selector;
            if (selector is not { Count: > 0 } || service.Spec?.Type == "ExternalName" || (service.Metadata?.CreationTimestamp is { } created && snapshot.Now - created < Grace))
            {
                continue;
            }

            var resource = "service/" + name;
            var first = selector.OrderBy(p => p.Key, StringComparer.Ordinal).First();
            var selected = byLabel.TryGetValue((first.Key, first.Value), out var candidates) ? candidates.Where(p => Selectors.Matches(selector, p.Metadata?.Labels)).ToList() : [];
            var ready = selected.Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true).ToList();
            var readyAddresses = endpoints.TryGetValue(name, out var ep) ? ep.Subsets?.Sum(s => s.Addresses?.Count ?? 0) ?? 0 : (int?)null;
            var routes = routed.Where(r => r.Service == name).ToList();
            var exposure = routes.Count > 0 ? $"ingress/{routes[0].Ingress} routes {string.Join(", ", routes.Select(r => r.Path).Distinct().Take(3))} to it" : null;
            var severity = routes.Count > 0 ? Severity.Critical : Severity.Warning;
            var endpointText = readyAddresses is { } n ? $"Endpoints {name}: {(n == 0 ? "<none>" : $"{n} ready addresses")}" : $"{ready.Count} ready pods selected";
            if (selected.Count == 0)
            {
                var meant = Meant(snapshot, name, selector);
                var scaledToZero = meant is { Replicas: 0 };
                var evidence = new List<Evidence>
                {
                    new("spec", $"selector {Selectors.Show(selector)} matches no pod", resource),
                    new("status", endpointText, "endpoints/" + name),
                };
                if (meant is not null)
                {
                    evidence.Add(new Evidence("spec", scaledToZero ? $"{meant.Workload} (labels {Selectors.Show(meant.Labels)}) is scaled to 0" : $"{meant.Workload}'s pods carry {Selectors.Show(meant.Labels)}", meant.Workload));
                }

                if (exposure is not null)
                {
                    evidence.Add(new Evidence("spec", exposure, "ingress/" + routes[0].Ingress));
                }

                var fix = scaledToZero
                    ? new AdviceProposal("scale-up", $"{meant!.Workload} is scaled to 0 behind service/{name}: scale it back up (kubectl scale {meant.Workload} --replicas=N -n {snapshot.Target.Namespace}) — or remove the route if it is retired.")
                    : new AdviceProposal("fix-service-selector", meant is null
                        ? $"No pod carries {Selectors.Show(selector)}: point service/{name}'s selector at the labels of the pods that should serve it."
                        : $"Point service/{name}'s selector at {Selectors.Show(Subset(meant.Labels, selector))} (the labels of {meant.Workload}'s pods): kubectl patch service {name} -n {snapshot.Target.Namespace} -p '{{\"spec\":{{\"selector\":{Json(Subset(meant.Labels, selector))}}}}}' (a selector is replaced whole).");
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.ServiceWithoutEndpoints, resource),
                    Kind = FindingKinds.ServiceWithoutEndpoints,
                    Title = scaledToZero ? $"Service {name} has no endpoints: {meant!.Workload} is scaled to 0" : $"Service {name} selects no pods ({Selectors.Show(selector)})",
                    Severity = severity,
                    Confidence = meant is not null ? 0.9 : 0.75,
                    Summary = $"service/{name} has no endpoints: its selector {Selectors.Show(selector)} matches no running pod{(meant is null ? string.Empty : scaledToZero ? $" because {meant.Workload} has 0 replicas" : $", while {meant.Workload}'s pods carry {Selectors.Show(meant.Labels)}")}. Every request to it fails{(exposure is null ? string.Empty : $" ({exposure})")} even though no pod is failing.",
                    Evidence = evidence,
                    Resources = [resource, .. meant is null ? Array.Empty<string>() : [meant.Workload], .. routes.Select(r => "ingress/" + r.Ingress).Distinct(StringComparer.Ordinal)],
                    Proposals = [fix],
                };
                continue;
            }

            var workloads = selected.Select(index.WorkloadOf).Distinct(StringComparer.Ordinal).ToList();
            if (ready.Count == 0 && readyAddresses is null or 0)
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.ServiceNoReadyEndpoints, resource),
                    Kind = FindingKinds.ServiceNoReadyEndpoints,
                    Title = $"Service {name} has no ready backend (0 of {selected.Count} pods Ready)",
                    Severity = severity,
                    Confidence = 0.85,
                    Summary = $"service/{name} selects {TriageText.Plural(selected.Count, "pod")} of {string.Join(", ", workloads)} and none is Ready, so it has no endpoints{(exposure is null ? string.Empty : $" ({exposure})")}: the pods' own problem is the cause.",
                    Evidence = [new("status", endpointText, "endpoints/" + name), new("status", $"{selected.Count} selected pods, 0 Ready", workloads[0])],
                    Resources = [resource, .. workloads],
                    Proposals = [],
                };
                continue;
            }

            foreach (var port in service.Spec?.Ports ?? [])
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(CultureInfo.InvariantCulture);
                var declared = selected.SelectMany(p => p.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).ToList();
                if (declared.Count == 0)
                {
                    continue;
                }

                var numeric = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
                var exposed = numeric ? declared.Any(d => d.ContainerPort == number) : declared.Any(d => d.Name == target);
                if (exposed)
                {
                    continue;
                }

                var ports = string.Join(", ", declared.Select(d => d.Name is { Length: > 0 } pn ? $"{pn}: {d.ContainerPort}" : d.ContainerPort.ToString(CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal));
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.ServiceTargetPortMismatch, resource + "/" + port.Port),
                    Kind = FindingKinds.ServiceTargetPortMismatch,
                    Title = $"Service {name} sends port {port.Port} to targetPort {target}, which its pods do not expose",
                    Severity = severity,
                    Confidence = 0.8,
                    Summary = $"service/{name} forwards port {port.Port} to targetPort {target}, but the selected containers declare {ports}: connections are refused or hang although the endpoints look Ready.",
                    Evidence = [new("spec", $"port {port.Port} → targetPort {target}; containers of {string.Join(", ", workloads)} declare {ports}", resource)],
                    Resources = [resource, .. workloads],
                    Proposals = [new AdviceProposal("fix-service-target-port", $"Set service/{name}'s targetPort to the container port that serves ({ports}).")],
                };
            }
        }

        var existing = snapshot.Services.Select(s => s.Metadata?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (snapshot.Target.Scope == TriageScope.Namespace)
        {
            foreach (var missing in routed.Where(r => !existing.Contains(r.Service!)).GroupBy(r => (r.Ingress, r.Service)))
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.IngressBackendMissing, $"ingress/{missing.Key.Ingress}/{missing.Key.Service}"),
                    Kind = FindingKinds.IngressBackendMissing,
                    Title = $"Ingress {missing.Key.Ingress} routes to service {missing.Key.Service}, which does not exist",
                    Severity = Severity.Critical,
                    Confidence = 0.9,
                    Summary = $"ingress/{missing.Key.Ingress} sends {string.Join(", ", missing.Select(m => m.Path).Distinct())} to service/{missing.Key.Service}, which is not in {snapshot.Target.Namespace}: those paths answer 503.",
                    Evidence = [new("spec", $"rule {string.Join(", ", missing.Select(m => m.Path).Distinct())} → service/{missing.Key.Service}; services here: {string.Join(", ", existing.Order(StringComparer.Ordinal).Take(10))}", "ingress/" + missing.Key.Ingress)],
                    Resources = ["ingress/" + missing.Key.Ingress, "service/" + missing.Key.Service],
                    Proposals = [new AdviceProposal("fix-ingress-backend", $"Point the rule at an existing Service or (re)create service/{missing.Key.Service}.")],
                };
            }
        }
    }

    /// <summary>The workload a Service was most likely meant for: one named like it, else one whose pod labels share a value with the selector.</summary>
    private sealed record MeantWorkload(string Workload, IDictionary<string, string> Labels, int? Replicas);

    private static MeantWorkload? Meant(ClusterSnapshot snapshot, string service, IDictionary<string, string> selector)
    {
        var candidates = snapshot.Deployments.Select(d => new MeantWorkload("deployment/" + d.Metadata?.Name, d.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>(), d.Spec?.Replicas))
            .Concat(snapshot.StatefulSets.Select(s => new MeantWorkload("statefulset/" + s.Metadata?.Name, s.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>(), s.Spec?.Replicas)))
            .ToList();
        return candidates.FirstOrDefault(c => Selectors.Matches(selector, c.Labels) && c.Replicas == 0)
            ?? candidates.FirstOrDefault(c => c.Workload.EndsWith("/" + service, StringComparison.Ordinal))
            ?? candidates.FirstOrDefault(c => c.Labels.Values.Intersect(selector.Values, StringComparer.Ordinal).Any());
    }

    /// <summary>The labels to select by: those sharing the selector's values (the app name), else all but the hash.</summary>
    private static IDictionary<string, string> Subset(IDictionary<string, string> labels, IDictionary<string, string> selector)
    {
        var shared = labels.Where(l => selector.Values.Contains(l.Value, StringComparer.Ordinal)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        return shared.Count > 0 ? shared : labels.Where(l => l.Key != "pod-template-hash").ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
    }

    private static string Json(IDictionary<string, string> labels) =>
        "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"\"{l.Key}\":\"{l.Value}\"")) + "}";
}
