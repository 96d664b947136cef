namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Pods held back by an init container: <c>Init:CrashLoopBackOff</c> and <c>Init:Error</c> (it exits non-zero, so the
/// app never starts), <c>Init:ErrImagePull</c>/<c>Init:ImagePullBackOff</c>, or an init container that runs and never
/// finishes (<c>PodInitializing</c> for long). Read from <c>initContainerStatuses</c>, its logs (both runs) and the events
/// on <c>spec.initContainers{NAME}</c>. When its log says a host does not resolve, the fix is the reference that names it.
/// Sidecars (init containers with <c>restartPolicy: Always</c>) that crash are left to <see cref="CrashLoopAnalyzer"/>.
/// </summary>
public static class InitContainerAnalyzer
{
    /// <summary>An init container still running after this long holds the pod back (a migration may take minutes).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(10);

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var failing = index.InitContainers.Where(c => c.Pod.Status?.Phase is "Pending" or "Running" && c.Pod.Metadata?.DeletionTimestamp is null)
            .Select(c => (Container: c, Kind: KindOf(c, snapshot.Now)))
            .Where(x => x.Kind is not null && x.Container.Spec?.RestartPolicy != "Always")
            .GroupBy(x => (Workload: index.WorkloadOf(x.Container.Pod), x.Container.Name));
        foreach (var group in failing)
        {
            var items = group.ToList();
            var containers = items.Select(i => i.Container).ToList();
            var kind = items.GroupBy(i => i.Kind!).OrderByDescending(g => Weight(g.Key)).First().Key;
            var workload = group.Key.Workload;
            var name = group.Key.Name;
            var restarts = containers.Sum(c => c.Restarts);
            var exit = containers.Select(c => c.LastTermination).FirstOrDefault(t => t is not null);
            var pods = index.PodsOfWorkload(workload).Count;
            var evidence = new List<Evidence>
            {
                new("status", $"{TriageText.Plural(containers.Count, "pod")} of {pods} {StatusText(kind)} on init container {name}{(restarts > 0 ? $", {restarts} restarts" : string.Empty)}{(exit is { } t ? $", last exit code {t.ExitCode}{(t.Reason is { Length: > 0 } r ? $" ({r})" : string.Empty)}" : string.Empty)}; the app containers never start", workload) { Count = containers.Count },
            };
            var events = containers.SelectMany(c => index.EventsFor("Pod", c.PodName)).Where(e => e.IsWarning && e.Container == name).OrderByDescending(e => e.LastSeen).ToList();
            if (events.Count > 0)
            {
                evidence.Add(new Evidence("event", $"{events[0].Reason}: {TriageText.Excerpt(events[0].Message)}", events[0].Object) { Count = events.Where(e => e.Reason == events[0].Reason).Sum(e => e.Count), At = events[0].LastSeen });
            }

            var lines = containers.SelectMany(c => index.LogsOf(c.PodName).Where(l => l.Container == name).OrderByDescending(l => l.Previous)).SelectMany(l => l.Lines).ToList();
            var dns = UnresolvableHost.Find(snapshot, containers[0].Spec, lines);
            var tail = CrashLoopAnalyzer.LastWords(index, containers);
            if (dns is not null)
            {
                evidence.Add(UnresolvableHost.Evidence(dns, $"pod/{containers[0].PodName} -c {name}"));
                evidence.Add(UnresolvableHost.Reference(dns, workload));
            }
            else if (tail is not null)
            {
                evidence.Add(tail);
            }

            var ns = snapshot.Target.Namespace;
            var proposals = new List<ActionProposal>();
            if (dns is not null)
            {
                proposals.Add(UnresolvableHost.Advice(dns, ns));
            }

            proposals.Add(kind == FindingKinds.InitContainerImagePull
                ? new AdviceProposal("check-image", $"Check the init container's image and pull secret: /k8s describe pod {containers[0].PodName} -n {ns}")
                : new AdviceProposal("read-crash-log", $"Read the init container's run: /k8s logs pod/{containers[0].PodName} -c {name}{(restarts > 0 ? " --previous" : string.Empty)} -n {ns}"));
            yield return new Finding
            {
                Id = Finding.IdOf(kind, workload + "/" + name),
                Kind = kind,
                Title = $"{Short(workload)}: init container {name} {TitleText(kind)}",
                Severity = Severity.Critical,
                Confidence = dns is not null ? 0.9 : 0.85,
                Summary = $"{TriageText.Plural(containers.Count, "pod")} of {workload} cannot start: init container {name} {SummaryText(kind)}, so the app containers never run and the pods never become Ready."
                    + (dns is not null ? $" Its log says host \"{dns.Host}\" does not resolve{(dns.Source is { } s ? $"; {s.Describe()} names it" : string.Empty)}." : string.Empty),
                Evidence = evidence,
                Resources = [workload, .. dns?.Source?.Resource is { } config ? [config] : Array.Empty<string>(), .. containers.Select(c => "pod/" + c.PodName).Distinct(StringComparer.Ordinal).Take(5)],
                Proposals = proposals,
                StartedAt = containers.Select(c => c.Pod.Status?.StartTime ?? c.Pod.Metadata?.CreationTimestamp).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }

    private static string? KindOf(PodContainer c, DateTimeOffset now)
    {
        if (c.WaitingReason == "CrashLoopBackOff")
        {
            return FindingKinds.InitContainerCrashLoopBackOff;
        }

        if (c.WaitingReason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName")
        {
            return FindingKinds.InitContainerImagePull;
        }

        if (c.Status.State?.Terminated is { ExitCode: not 0 } || (c.Restarts > 0 && c.Status.LastState?.Terminated is { ExitCode: not 0 } && c.Status.State?.Terminated is null))
        {
            return c.Restarts >= 2 ? FindingKinds.InitContainerCrashLoopBackOff : FindingKinds.InitContainerError;
        }

        return c.Status.State?.Running?.StartedAt is { } started && now - started >= StuckAfter ? FindingKinds.InitContainerStuck : null;
    }

    private static int Weight(string kind) => kind switch
    {
        FindingKinds.InitContainerImagePull => 3,
        FindingKinds.InitContainerCrashLoopBackOff => 2,
        FindingKinds.InitContainerError => 1,
        _ => 0,
    };

    private static string StatusText(string kind) => kind switch
    {
        FindingKinds.InitContainerCrashLoopBackOff => "in Init:CrashLoopBackOff",
        FindingKinds.InitContainerImagePull => "in Init:ImagePullBackOff",
        FindingKinds.InitContainerError => "in Init:Error",
        _ => "waiting (PodInitializing)",
    };

    private static string TitleText(string kind) => kind switch
    {
        FindingKinds.InitContainerCrashLoopBackOff => "keeps failing (Init:CrashLoopBackOff)",
        FindingKinds.InitContainerImagePull => "cannot pull its image",
        FindingKinds.InitContainerError => "failed (Init:Error)",
        _ => "never finishes",
    };

    private static string SummaryText(string kind) => kind switch
    {
        FindingKinds.InitContainerCrashLoopBackOff => "exits with an error on every attempt",
        FindingKinds.InitContainerImagePull => "cannot pull its image",
        FindingKinds.InitContainerError => "exited with an error",
        _ => $"has run for more than {StuckAfter.TotalMinutes:0} minutes without finishing (waiting on something it cannot reach?)",
    };

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
