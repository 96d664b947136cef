using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Claims that do not give their pods a volume: <c>Pending</c> (no StorageClass of that name, the provisioner failing,
/// no matching PersistentVolume, or waiting for a consumer that cannot schedule) and <c>Lost</c> (the bound volume is
/// gone). The claim is the cause; its pods Pending and its StatefulSet stuck are the symptoms.
/// </summary>
public static class PersistentVolumeClaimAnalyzer
{
    /// <summary>A claim pending this long is not just being provisioned.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var classes = snapshot.StorageClasses.Select(c => c.Metadata?.Name).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var defaultClass = snapshot.StorageClasses.FirstOrDefault(c => c.Metadata?.Annotations?.TryGetValue("storageclass.kubernetes.io/is-default-class", out var v) == true && v == "true")?.Metadata?.Name;
        // Which pods use which claim is only needed when a claim is not bound (rare): not worked out for every pod otherwise.
        var users = new Lazy<Dictionary<string, List<V1Pod>>>(() => snapshot.Pods
            .SelectMany(p => (p.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Select(c => (Claim: c, Pod: p)))
            .GroupBy(x => x.Claim, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Pod).ToList(), StringComparer.Ordinal));
        foreach (var claim in snapshot.PersistentVolumeClaims)
        {
            var name = claim.Metadata?.Name ?? "?";
            var phase = claim.Status?.Phase ?? "Pending";
            var age = claim.Metadata?.CreationTimestamp is { } created ? snapshot.Now - created : TimeSpan.MaxValue;
            if (phase == "Bound" || (phase == "Pending" && age < Grace) || claim.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }

            var resource = "persistentvolumeclaim/" + name;
            var pods = users.Value.TryGetValue(name, out var list) ? list : [];
            var workloads = pods.Select(index.WorkloadOf).Distinct(StringComparer.Ordinal).ToList();
            if (workloads.Count == 0 && OwningStatefulSet(snapshot, name) is { } sts)
            {
                workloads.Add("statefulset/" + sts);
            }

            var events = index.EventsFor("PersistentVolumeClaim", name).OrderByDescending(e => e.IsWarning).ThenByDescending(e => e.LastSeen).ToList();
            var storageClass = claim.Spec?.StorageClassName;
            var missingClass = storageClass is { Length: > 0 } && snapshot.StorageClasses.Count > 0 && !classes.Contains(storageClass);
            var lost = phase == "Lost";
            var size = claim.Spec?.Resources?.Requests is { } requests && requests.TryGetValue("storage", out var quantity) ? quantity.ToString() : "?";
            var evidence = new List<Evidence>
            {
                new("status", $"{name} {phase} for {TriageText.Span(age == TimeSpan.MaxValue ? TimeSpan.Zero : age)}; asks {size} {string.Join(",", claim.Spec?.AccessModes ?? [])} from StorageClass {storageClass ?? "(default)"}", resource) { At = claim.Metadata?.CreationTimestamp },
            };
            if (events.Count > 0)
            {
                evidence.Add(new Evidence("event", $"{events[0].Reason}: {TriageText.Excerpt(events[0].Message)}", events[0].Object) { Count = events[0].Count, At = events[0].LastSeen });
            }

            if (snapshot.StorageClasses.Count > 0)
            {
                evidence.Add(new Evidence("spec", $"StorageClasses: {string.Join(", ", classes.Select(c => c == defaultClass ? c + " (default)" : c))}", "storageclass/" + (storageClass ?? defaultClass ?? "?")));
            }

            var ns = snapshot.Target.Namespace;
            var (kind, title, summary, proposals) = lost
                ? (FindingKinds.PersistentVolumeClaimLost, $"Claim {name} is Lost: its volume {claim.Spec?.VolumeName} is gone",
                    $"{name} was bound to {claim.Spec?.VolumeName}, which no longer exists: its pods cannot start, and the data on it is gone unless a snapshot or backup holds it.",
                    (IReadOnlyList<ActionProposal>)[new AdviceProposal("restore-volume", $"Restore {claim.Spec?.VolumeName} from a snapshot/backup (or re-create the claim to start empty): /k8s describe pvc {name} -n {ns}.")])
                : missingClass
                    ? (FindingKinds.PersistentVolumeClaimPending, $"Claim {name} is Pending: StorageClass {storageClass} does not exist",
                        $"{name} asks for StorageClass {storageClass}, which the cluster does not have ({(classes.Count > 0 ? "it has " + string.Join(", ", classes) : "none exist")}): nothing will ever provision it, and {(workloads.Count > 0 ? string.Join(", ", workloads) : "its pods")} wait{(workloads.Count == 1 ? "s" : string.Empty)} on it.",
                        [new AdviceProposal("fix-storage-class", $"Re-create StorageClass {storageClass} (as an alias of {defaultClass ?? classes.FirstOrDefault() ?? "the class you migrated to"}) or, for a StatefulSet, move its volumeClaimTemplate to an existing class (delete the Pending claim {name} after the change so that it is re-created).")])
                    : (FindingKinds.PersistentVolumeClaimPending, $"Claim {name} is Pending",
                        $"{name} has not been bound for {TriageText.Span(age == TimeSpan.MaxValue ? TimeSpan.Zero : age)}{(events.Count > 0 ? $": {TriageText.Excerpt(events[0].Message)}" : string.Empty)}.",
                        [new AdviceProposal("fix-claim", $"Check the provisioner and the claim: /k8s describe pvc {name} -n {ns} (WaitForFirstConsumer waits for a pod that can schedule; a static class needs a matching PersistentVolume).")]);
            yield return new Finding
            {
                Id = Finding.IdOf(kind, resource),
                Kind = kind,
                Title = title,
                Severity = pods.Count > 0 || workloads.Count > 0 ? Severity.Critical : Severity.Warning,
                Confidence = missingClass || lost ? 0.95 : events.Count > 0 ? 0.8 : 0.6,
                Summary = summary,
                Evidence = evidence,
                Resources = [resource, .. workloads, .. pods.Take(3).Select(p => "pod/" + p.Metadata?.Name)],
                Proposals = proposals,
                StartedAt = claim.Metadata?.CreationTimestamp,
            };
        }
    }

    /// <summary>The StatefulSet whose volumeClaimTemplate makes this claim (<c>TEMPLATE-STS-ORDINAL</c>).</summary>
    private static string? OwningStatefulSet(ClusterSnapshot snapshot, string claim)
    {
        foreach (var set in snapshot.StatefulSets)
        {
            foreach (var template in set.Spec?.VolumeClaimTemplates ?? [])
            {
                var prefix = $"{template.Metadata?.Name}-{set.Metadata?.Name}-";
                if (claim.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(claim.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    return set.Metadata?.Name;
                }
            }
        }

        return null;
    }
}
