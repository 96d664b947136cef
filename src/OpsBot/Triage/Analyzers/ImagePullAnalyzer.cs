namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Images that cannot be pulled (ErrImagePull, ImagePullBackOff, InvalidImageName), told apart by the registry's
/// answer: the tag does not exist ("not found", "manifest unknown"), access is refused ("unauthorized", "denied"),
/// or the registry cannot be reached (DNS, TCP, TLS, timeouts). A missing tag that came with a rollout is rolled back.
/// </summary>
public static class ImagePullAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var failing = index.Containers
            .Where(c => c.WaitingReason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName")
            .GroupBy(c => (Workload: index.WorkloadOf(c.Pod), c.Name));
        foreach (var group in failing)
        {
            var containers = group.ToList();
            var workload = group.Key.Workload;
            var image = containers[0].Spec?.Image ?? containers[0].Status.Image ?? "?";
            var pulls = containers.SelectMany(c => index.EventsFor("Pod", c.PodName)).Where(e => e.Reason == "Failed" && e.Message.Contains("pull", StringComparison.OrdinalIgnoreCase) && !e.Message.StartsWith("Error: ", StringComparison.Ordinal)).ToList();
            var messages = pulls.Select(e => e.Message).Concat(containers.Select(c => c.WaitingMessage ?? string.Empty)).Where(m => m.Length > 0).ToList();
            var kind = Classify(messages, containers[0].WaitingReason);
            var evidence = new List<Evidence>
            {
                new("status", $"{TriageText.Plural(containers.Count, "container")} waiting: {string.Join(", ", containers.Select(c => c.WaitingReason).Distinct())} for image {image}", workload) { Count = containers.Count },
            };
            if (pulls.Count > 0)
            {
                var latest = pulls.OrderByDescending(e => e.LastSeen).First();
                evidence.Add(new Evidence("event", "Failed: " + TriageText.Excerpt(latest.Message), latest.Object) { Count = pulls.Sum(e => e.Count), At = latest.LastSeen });
            }
            else if (containers.Select(c => c.WaitingMessage).FirstOrDefault(m => m is { Length: > 0 }) is { } message)
            {
                evidence.Add(new Evidence("status", TriageText.Excerpt(message), "pod/" + containers[0].PodName));
            }

            var proposals = new List<ActionProposal>();
            var deployment = workload.StartsWith("deployment/", StringComparison.Ordinal) ? workload["deployment/".Length..] : null;
            var summary = kind switch
            {
                FindingKinds.ImagePullNotFound => $"The image {image} does not exist in its registry (wrong tag, or never pushed).",
                FindingKinds.ImagePullUnauthorized => $"The registry refuses to serve {image} to this cluster: credentials (imagePullSecrets) are missing or wrong, or the repository is private.",
                FindingKinds.ImagePullUnreachable => $"The registry of {image} cannot be reached (DNS, network, TLS or timeout).",
                _ => $"The image {image} cannot be pulled.",
            };
            if (deployment is not null && RolloutHistory.Previous(index, deployment, containers.Select(c => c.Pod)) is { } previous)
            {
                var oldImage = previous.ReplicaSet.Spec?.Template?.Spec?.Containers?.FirstOrDefault(c => c.Name == group.Key.Name)?.Image;
                summary += $" It came with revision {previous.NewRevision}; revision {previous.Revision}{(oldImage is null ? string.Empty : $" ({oldImage})")} is what still serves.";
                if (kind is FindingKinds.ImagePullNotFound or FindingKinds.ImagePullFailed)
                {
                    proposals.Add(new RollbackProposal(deployment, previous.Revision, snapshot.Target.CommandScope) { Rationale = $"revision {previous.Revision} ran an image that exists" });
                    if (oldImage is not null && oldImage != image)
                    {
                        proposals.Add(new SetImageProposal(deployment, group.Key.Name, oldImage, snapshot.Target.CommandScope) { Rationale = "or pin the last good image" });
                    }

                    proposals.Add(new AdviceProposal("pause-rollouts", "Hold the pipeline until the tag is pushed (or fix the tag it deploys)."));
                }
            }

            if (kind == FindingKinds.ImagePullUnauthorized)
            {
                proposals.Add(new AdviceProposal("fix-pull-secret", "Check the pod's imagePullSecrets (or the node role's registry access) and that the repository exists."));
            }
            else if (kind == FindingKinds.ImagePullUnreachable)
            {
                proposals.Add(new AdviceProposal("check-registry", "Check the registry's status, DNS and the nodes' egress (proxy, firewall, certificates)."));
            }

            yield return new Finding
            {
                Id = Finding.IdOf(kind, workload),
                Kind = kind,
                Title = kind switch
                {
                    FindingKinds.ImagePullNotFound => $"{Short(workload)}: image tag not found ({Tag(image)})",
                    FindingKinds.ImagePullUnauthorized => $"{Short(workload)}: image pull unauthorized",
                    FindingKinds.ImagePullUnreachable => $"{Short(workload)}: image registry unreachable",
                    _ => $"{Short(workload)}: image cannot be pulled",
                },
                Severity = Severity.Critical,
                Confidence = kind == FindingKinds.ImagePullFailed ? 0.7 : 0.95,
                Summary = summary,
                Evidence = evidence,
                Resources = [workload, .. containers.Select(c => "pod/" + c.PodName).Distinct(StringComparer.Ordinal).Take(5)],
                Proposals = proposals,
                StartedAt = pulls.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min() ?? containers.Select(c => c.Pod.Metadata?.CreationTimestamp).Min(),
            };
        }
    }

    /// <summary>The kind of pull failure from the kubelet's messages.</summary>
    public static string Classify(IEnumerable<string> messages, string? waitingReason)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = string.Join('\n', messages);
        if (waitingReason == "InvalidImageName")
        {
            return FindingKinds.ImagePullNotFound;
        }

        if (Has(text, "unauthorized", "authentication required", "access denied", "denied:", "pull access denied", "403 forbidden", "401 unauthorized", "requested access to the resource is denied", "may require 'docker login'"))
        {
            return FindingKinds.ImagePullUnauthorized;
        }

        if (Has(text, "manifest unknown", ": not found", "not found:", "notfound", "manifest for", "no such manifest", "name unknown"))
        {
            return FindingKinds.ImagePullNotFound;
        }

        return Has(text, "dial tcp", "no such host", "i/o timeout", "connection refused", "tls handshake", "x509:", "context deadline exceeded", "network is unreachable", "server misbehaving", "timeout")
            ? FindingKinds.ImagePullUnreachable
            : FindingKinds.ImagePullFailed;
    }

    private static bool Has(string text, params string[] needles) => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string Tag(string image)
    {
        var slash = image.LastIndexOf('/');
        return image[(slash + 1)..];
    }
}
