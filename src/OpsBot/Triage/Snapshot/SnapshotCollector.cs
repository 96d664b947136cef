using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpsBot.Caching;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s.Models;
using k8s;

namespace OpsBot.Triage;

/// <summary>
/// Reads a <see cref="ClusterSnapshot"/> of a target: every list in parallel (bounded by
/// <see cref="TriageOptions.MaxConcurrency"/>, each call within <see cref="TriageOptions.CallTimeout"/>), scoped to the
/// target (a deployment's pods by selector, its ReplicaSets, HPA, events, nodes), then the logs of failing containers
/// (current and previous run) and of one running pod per workload. A call that fails is recorded in
/// <see cref="ClusterSnapshot.Missing"/>; only the target itself not existing fails the triage.
/// </summary>
public sealed class SnapshotCollector(IOptions<TriageOptions> options)
{
    private readonly TriageOptions _options = options.Value;

    /// <summary>A snapshot read from the API alone (no cache).</summary>
    public Task<ClusterSnapshot> CollectAsync(IKubernetes client, TriageTarget target, DateTimeOffset now, TimeSpan since, CancellationToken cancellationToken = default) =>
        CollectAsync(ClusterReads.ApiOnly(client), target, now, since, cancellationToken);

    /// <summary>
    /// A snapshot whose pods, events, deployments, ReplicaSets, HPAs and nodes come from the watch cache when it is
    /// synced (<paramref name="reads"/> says which); the rest — and the target itself, which must exist — from the API.
    /// </summary>
    public async Task<ClusterSnapshot> CollectAsync(ClusterReads reads, TriageTarget target, DateTimeOffset now, TimeSpan since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(target);
        var client = reads.Client;
        using var guard = new CallGuard(_options.MaxConcurrency, _options.CallTimeout);
        var ns = target.Namespace;
        var pageSize = _options.PageSize;

        V1Deployment? focus = null;
        V1Pod? focusPod = null;
        if (target.Scope == TriageScope.Deployment)
        {
            focus = await KubernetesReads.ReadAsync(token => client.AppsV1.ReadNamespacedDeploymentAsync(target.Name!, ns, cancellationToken: token), "deployment", target.Name!, ns, cancellationToken).ConfigureAwait(false);
        }
        else if (target.Scope == TriageScope.Pod)
        {
            focusPod = await KubernetesReads.ReadAsync(token => client.CoreV1.ReadNamespacedPodAsync(target.Name!, ns, cancellationToken: token), "pod", target.Name!, ns, cancellationToken).ConfigureAwait(false);
        }

        var selector = focus is null ? null : LabelSelectors.ToSelectorString(focus.Spec?.Selector);
        var podsTask = focusPod is not null
            ? Task.FromResult<IReadOnlyList<V1Pod>>([focusPod])
            : guard.RunAsync("pods", async token => await reads.PodsAsync(ns, selector, token).ConfigureAwait(false), [], cancellationToken);
        var eventsTask = guard.RunAsync("events", async token => await reads.EventsAsync(ns, token).ConfigureAwait(false), [], cancellationToken);
        var deploymentsTask = focus is not null
            ? Task.FromResult<IReadOnlyList<V1Deployment>>([focus])
            : guard.RunAsync("deployments", async token => await reads.DeploymentsAsync(ns, cancellationToken: token).ConfigureAwait(false), [], cancellationToken);
        var replicaSetsTask = guard.RunAsync("replicasets", async token => await reads.ReplicaSetsAsync(ns, selector, token).ConfigureAwait(false), [], cancellationToken);
        var hpasTask = guard.RunAsync("horizontal pod autoscalers", async token => await reads.HorizontalPodAutoscalersAsync(ns, token).ConfigureAwait(false), [], cancellationToken);
        var nodesTask = guard.RunAsync("nodes", async token => await reads.NodesAsync(cancellationToken: token).ConfigureAwait(false), [], cancellationToken);
        var podMetricsTask = guard.RunAsync("pod metrics (metrics.k8s.io)", async token => await client.ListPodMetricsAsync(ns, selector, token).ConfigureAwait(false), [], cancellationToken);
        var nodeMetricsTask = guard.RunAsync("node metrics (metrics.k8s.io)", async token => await client.ListNodeMetricsAsync(token).ConfigureAwait(false), [], cancellationToken);
        var ingressesTask = guard.RunAsync("ingresses", async token => await client.Ingresses(ns).AllAsync(token).ConfigureAwait(false), [], cancellationToken);
        var namespaceScope = target.Scope == TriageScope.Namespace;
        var servicesTask = focusPod is not null
            ? Task.FromResult<IReadOnlyList<V1Service>>([])
            : guard.RunAsync("services", async token => await client.Services(ns).WithPageSize(pageSize).AllAsync(token).ConfigureAwait(false), [], cancellationToken);
        var endpointsTask = focusPod is not null
            ? Task.FromResult<IReadOnlyList<V1Endpoints>>([])
            : guard.RunAsync<IReadOnlyList<V1Endpoints>>("endpoints", async token => (await client.CoreV1.ListNamespacedEndpointsAsync(ns, cancellationToken: token).ConfigureAwait(false)).Items.ToList(), [], cancellationToken);
        var statefulSetsTask = namespaceScope
            ? guard.RunAsync("statefulsets", async token => await client.StatefulSets(ns).WithPageSize(pageSize).AllAsync(token).ConfigureAwait(false), [], cancellationToken)
            : Task.FromResult<IReadOnlyList<V1StatefulSet>>([]);
        var daemonSetsTask = namespaceScope
            ? guard.RunAsync("daemonsets", async token => await client.DaemonSets(ns).WithPageSize(pageSize).AllAsync(token).ConfigureAwait(false), [], cancellationToken)
            : Task.FromResult<IReadOnlyList<V1DaemonSet>>([]);
        var jobsTask = namespaceScope
            ? guard.RunAsync("jobs", async token => await client.Jobs(ns).WithPageSize(pageSize).AllAsync(token).ConfigureAwait(false), [], cancellationToken)
            : Task.FromResult<IReadOnlyList<V1Job>>([]);
        var cronJobsTask = namespaceScope
            ? guard.RunAsync("cronjobs", async token => await client.CronJobs(ns).WithPageSize(pageSize).AllAsync(token).ConfigureAwait(false), [], cancellationToken)
            : Task.FromResult<IReadOnlyList<V1CronJob>>([]);
        var claimsTask = focusPod is not null
            ? Task.FromResult<IReadOnlyList<V1PersistentVolumeClaim>>([])
            : guard.RunAsync("persistentvolumeclaims", async token => await client.PersistentVolumeClaims(ns).WithPageSize(pageSize).AllAsync(token).ConfigureAwait(false), [], cancellationToken);
        var storageClassesTask = guard.RunAsync<IReadOnlyList<V1StorageClass>>("storageclasses", async token => (await client.StorageV1.ListStorageClassAsync(cancellationToken: token).ConfigureAwait(false)).Items.ToList(), [], cancellationToken);
        var budgetsTask = focusPod is not null
            ? Task.FromResult<IReadOnlyList<V1PodDisruptionBudget>>([])
            : guard.RunAsync<IReadOnlyList<V1PodDisruptionBudget>>("poddisruptionbudgets", async token => (await client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, cancellationToken: token).ConfigureAwait(false)).Items.ToList(), [], cancellationToken);
        var configMapsTask = guard.RunAsync<IReadOnlyList<V1ConfigMap>>("configmaps", async token => (await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: token).ConfigureAwait(false)).Items.ToList(), [], cancellationToken);
        var tlsTask = guard.RunAsync("TLS secrets", async token => ParseCertificates(await client.Secrets(ns, fieldSelector: "type=kubernetes.io/tls").AllAsync(token).ConfigureAwait(false)), [], cancellationToken);
        var certificatesTask = guard.RunAsync("cert-manager certificates", async token => (await client.ListCertificatesAsync(ns, token).ConfigureAwait(false)).Items, [], cancellationToken);

        // Which logs to read depends only on the pods, deployments, ReplicaSets and HPAs (from the watch cache, at once):
        // the log reads — most of a large namespace's snapshot — start now, beside the other lists, not after them.
        await Task.WhenAll(podsTask, deploymentsTask, replicaSetsTask, hpasTask).ConfigureAwait(false);
        var pods = podsTask.Result;
        var deployments = deploymentsTask.Result;
        var replicaSets = replicaSetsTask.Result;
        var hpas = hpasTask.Result;
        if (focus is not null)
        {
            replicaSets = [.. replicaSets.Where(rs => rs.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == focus.Metadata?.Uid) == true)];
            hpas = [.. hpas.Where(h => h.Spec?.ScaleTargetRef?.Name == focus.Metadata?.Name)];
        }
        else if (focusPod is not null)
        {
            var rsName = SnapshotIndex.ReplicaSetOf(focusPod);
            replicaSets = [.. replicaSets.Where(rs => rs.Metadata?.Name == rsName)];
            var owner = replicaSets.SelectMany(rs => rs.Metadata?.OwnerReferences ?? []).FirstOrDefault(o => o.Kind == "Deployment")?.Name;
            deployments = [.. deployments.Where(d => d.Metadata?.Name == owner)];
            hpas = [.. hpas.Where(h => owner is not null && h.Spec?.ScaleTargetRef?.Name == owner)];
        }

        var sampling = new ClusterSnapshot { Target = target, Now = now, Since = since, Pods = pods, Deployments = deployments, ReplicaSets = replicaSets, Hpas = hpas };
        using var logGuard = new CallGuard(_options.MaxLogConcurrency, _options.CallTimeout);
        var logsTask = ReadLogsAsync(client, logGuard, sampling, cancellationToken);

        // Awaited together so that no read is left running (its guard disposed) when one of them throws.
        await Task.WhenAll(logsTask, eventsTask, nodesTask, podMetricsTask, nodeMetricsTask, ingressesTask, servicesTask, tlsTask, certificatesTask).ConfigureAwait(false);
        await Task.WhenAll(endpointsTask, statefulSetsTask, daemonSetsTask, jobsTask, cronJobsTask, claimsTask, storageClassesTask, budgetsTask, configMapsTask).ConfigureAwait(false);
        var nodes = nodesTask.Result;
        var events = eventsTask.Result;
        var ingresses = ingressesTask.Result;
        var podMetrics = podMetricsTask.Result;
        var tls = tlsTask.Result;
        var certificates = certificatesTask.Result;
        var services = servicesTask.Result;
        var endpoints = endpointsTask.Result;
        var claims = claimsTask.Result;
        var budgets = budgetsTask.Result;
        var windowStart = now - since;

        if (focus is not null)
        {
            ingresses = [.. ingresses.Where(i => Routes(i).Any(service => Selects(servicesTask.Result, service, focus)))];
            services = [.. services.Where(s => Selects(servicesTask.Result, s.Metadata?.Name ?? string.Empty, focus))];
            var serviceNames = services.Select(s => s.Metadata?.Name).ToHashSet(StringComparer.Ordinal);
            endpoints = [.. endpoints.Where(e => serviceNames.Contains(e.Metadata?.Name))];
            var claimNames = focus.Spec?.Template?.Spec?.Volumes?.Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
            claims = [.. claims.Where(c => claimNames.Contains(c.Metadata?.Name ?? string.Empty))];
            var labels = focus.Spec?.Template?.Metadata?.Labels;
            budgets = [.. budgets.Where(b => labels is not null && Analyzers.Selectors.Matches(b.Spec?.Selector, labels))];
        }
        else if (focusPod is not null)
        {
            ingresses = [];
            podMetrics = [.. podMetrics.Where(m => m.Metadata?.Name == focusPod.Metadata?.Name)];
        }

        if (target.Scope != TriageScope.Namespace)
        {
            var objects = new HashSet<string>(StringComparer.Ordinal);
            objects.UnionWith(pods.Select(p => "Pod/" + p.Metadata?.Name));
            objects.UnionWith(replicaSets.Select(rs => "ReplicaSet/" + rs.Metadata?.Name));
            objects.UnionWith(deployments.Select(d => "Deployment/" + d.Metadata?.Name));
            objects.UnionWith(hpas.Select(h => "HorizontalPodAutoscaler/" + h.Metadata?.Name));
            objects.UnionWith(claims.Select(c => "PersistentVolumeClaim/" + c.Metadata?.Name));
            objects.UnionWith(services.Select(c => "Service/" + c.Metadata?.Name));
            events = [.. events.Where(e => objects.Contains(e.InvolvedObject?.Kind + "/" + e.InvolvedObject?.Name))];
            var used = pods.Select(p => p.Spec?.NodeName).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
            nodes = [.. nodes.Where(n => n.Metadata?.Name is { } node && used.Contains(node))];
            var secrets = ingresses.SelectMany(i => i.Spec?.Tls ?? []).Select(t => t.SecretName).ToHashSet(StringComparer.Ordinal);
            tls = [.. tls.Where(t => secrets.Contains(t.Secret))];
            certificates = [.. certificates.Where(c => c.Spec?.SecretName is { } secret && secrets.Contains(secret))];
        }

        // Old events cannot explain what happens now; they stay out of the snapshot.
        events = [.. events.Where(e => (RecentEvent.Of(e).LastSeen ?? now) >= windowStart)];
        var logs = logsTask.Result;
        return new ClusterSnapshot
        {
            Target = target,
            Now = now,
            Since = since,
            Pods = pods,
            Events = events,
            Deployments = deployments,
            ReplicaSets = replicaSets,
            Hpas = hpas,
            Nodes = nodes,
            PodMetrics = podMetrics,
            NodeMetrics = nodeMetricsTask.Result,
            Ingresses = ingresses,
            TlsCertificates = tls,
            Certificates = certificates,
            Services = services,
            Endpoints = endpoints,
            StatefulSets = statefulSetsTask.Result,
            DaemonSets = daemonSetsTask.Result,
            Jobs = jobsTask.Result,
            CronJobs = cronJobsTask.Result,
            PersistentVolumeClaims = claims,
            StorageClasses = storageClassesTask.Result,
            PodDisruptionBudgets = budgets,
            ConfigMaps = configMapsTask.Result,
            Logs = logs,
            Missing = [.. guard.Missing, .. logGuard.Missing],
        };
    }

    /// <summary>
    /// Failing containers (both runs) first, then one running pod per workload, recent rollouts and restarts first;
    /// a sampled read not started within <see cref="TriageOptions.LogSamplingBudget"/> is skipped and reported missing.
    /// </summary>
    private async Task<IReadOnlyList<ContainerLog>> ReadLogsAsync(IKubernetes client, CallGuard guard, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var ns = snapshot.Target.Namespace;
        var reads = new List<(string Pod, string Container, bool Previous, int Tail, bool Sampled)>();
        var failing = Analyzers.PodContainer.Of(snapshot.Pods)
            .Where(c => c.Restarts > 0 || c.WaitingReason is "CrashLoopBackOff" or "Error" or "RunContainerError" || c.Status.State?.Terminated is { ExitCode: not 0 })
            .OrderByDescending(c => c.WaitingReason == "CrashLoopBackOff")
            .ThenByDescending(c => c.LastTermination?.FinishedAt ?? DateTimeOffset.MinValue)
            .Take(_options.MaxFailingContainers)
            .ToList();
        // Init containers that fail hold the pod back: their runs are read like any crashed container's.
        failing.AddRange(Analyzers.PodContainer.InitOf(snapshot.Pods)
            .Where(c => c.Restarts > 0 || c.WaitingReason is "CrashLoopBackOff" || c.Status.State?.Terminated is { ExitCode: not 0 } || c.Status.LastState?.Terminated is { ExitCode: not 0 })
            .Take(Math.Max(0, _options.MaxFailingContainers - failing.Count)));
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in failing)
        {
            if (container.Status.LastState?.Terminated is not null)
            {
                reads.Add((container.PodName, container.Name, true, _options.FailingLogLines, false));
            }

            if (container.Status.State?.Running is not null || container.Status.State?.Terminated is not null)
            {
                reads.Add((container.PodName, container.Name, false, _options.FailingLogLines, false));
                read.Add(container.PodName);
            }
        }

        foreach (var pod in SamplePods(snapshot).Where(p => !read.Contains(p.Metadata?.Name ?? string.Empty)))
        {
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                if (status.State?.Running is not null && status.Name is { } name)
                {
                    reads.Add((pod.Metadata!.Name!, name, false, _options.SampledLogLines, true));
                }
            }
        }

        // Reads start in list order as the guard lets them; once the budget is spent, sampled ones are skipped (null).
        var started = Stopwatch.GetTimestamp();
        var tasks = reads.Select(r => guard.TryRunAsync<IReadOnlyList<LogLine>?>(
            async token =>
            {
                if (r.Sampled && Stopwatch.GetElapsedTime(started) > _options.LogSamplingBudget)
                {
                    return null;
                }

                return await client.ReadPodLogLinesAsync(r.Pod, ns, r.Container, r.Previous, r.Tail, _options.LogLimitBytes, cancellationToken: token).ConfigureAwait(false);
            },
            cancellationToken)).ToList();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var logs = new List<ContainerLog>();
        var failures = new List<string>();
        var skipped = 0;
        for (var i = 0; i < reads.Count; i++)
        {
            var (lines, error) = results[i];
            if (error is not null)
            {
                failures.Add($"{reads[i].Pod}/{reads[i].Container}{(reads[i].Previous ? " (previous)" : string.Empty)}: {error}");
                continue;
            }

            if (lines is null)
            {
                skipped++;
                continue;
            }

            logs.Add(new ContainerLog(reads[i].Pod, reads[i].Container, reads[i].Previous, lines));
        }

        if (failures.Count > 0)
        {
            guard.Missing.Enqueue(new MissingData($"logs of {failures.Count} of {reads.Count} containers", failures[0] + (failures.Count > 1 ? $" (and {failures.Count - 1} more)" : string.Empty)));
        }

        if (skipped > 0)
        {
            var sampled = reads.Count(r => r.Sampled);
            guard.Missing.Enqueue(new MissingData($"sampled logs of {skipped} of {sampled} healthy-looking containers", $"not started within the {_options.LogSamplingBudget.TotalSeconds:0.#} s log sampling budget (Triage:LogSamplingBudget)"));
        }

        return logs;
    }

    /// <summary>
    /// One running pod per workload — deployment, StatefulSet, DaemonSet, Job or bare pod — since a workload's pods run the
    /// same code against the same dependencies: a deployment's from its newest revision, another's the one that
    /// restarted most (else the newest). Workloads with a recent rollout first, then those with restarts, then those
    /// with an HPA. Before, every pod of a StatefulSet or DaemonSet was sampled as its own workload (a DaemonSet on 100
    /// nodes was 100 reads).
    /// </summary>
    private IEnumerable<V1Pod> SamplePods(ClusterSnapshot snapshot)
    {
        var index = snapshot.Index;
        var candidates = new List<(int Priority, string Workload, V1Pod Pod)>();
        foreach (var deployment in index.DeploymentsWithPods)
        {
            var sets = index.ReplicaSetsOf(deployment);
            var pods = index.PodsOf(deployment).Where(p => p.Status?.Phase == "Running").ToList();
            if (pods.Count == 0)
            {
                continue;
            }

            var newest = sets.Count > 0 ? sets[0].Metadata?.Name : null;
            var rolledOut = sets.Count > 1 && sets[0].Metadata?.CreationTimestamp is { } created && created >= snapshot.WindowStart;
            var restarts = pods.Any(p => Restarts(p) > 0);
            var priority = rolledOut ? 0 : restarts ? 1 : index.HpaByDeployment.ContainsKey(deployment) ? 2 : 3;
            var pod = pods.Where(p => SnapshotIndex.ReplicaSetOf(p) == newest).OrderByDescending(p => p.Metadata?.CreationTimestamp).FirstOrDefault() ?? pods[0];
            candidates.Add((priority, "deployment/" + deployment, pod));
        }

        var others = snapshot.Pods.Where(p => p.Status?.Phase == "Running" && index.DeploymentOf(p) is null).GroupBy(index.WorkloadOf, StringComparer.Ordinal);
        foreach (var workload in others)
        {
            var pod = workload.OrderByDescending(Restarts).ThenByDescending(p => p.Metadata?.CreationTimestamp).First();
            candidates.Add((Restarts(pod) > 0 ? 1 : 3, workload.Key, pod));
        }

        return candidates.OrderBy(c => c.Priority).ThenBy(c => c.Workload, StringComparer.Ordinal).Take(_options.MaxSampledWorkloads).Select(c => c.Pod);
    }

    private static int Restarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0;

    private static IReadOnlyList<TlsCertificate> ParseCertificates(IReadOnlyList<V1Secret> secrets) => [.. secrets.Select(ParseCertificate)];

    private static TlsCertificate ParseCertificate(V1Secret secret)
    {
        var entry = new TlsCertificate(secret.Metadata?.NamespaceProperty ?? string.Empty, secret.Metadata?.Name ?? "?");
        return TlsLeaf.Read(secret, out var problem) is { } leaf
            ? entry with { NotAfter = leaf.NotAfter, DnsNames = leaf.DnsNames, Issuer = leaf.Issuer }
            : entry with { Problem = problem };
    }

    private static IEnumerable<string> Routes(V1Ingress ingress) =>
        (ingress.Spec?.Rules ?? []).SelectMany(rule => rule.Http?.Paths ?? []).Select(path => path.Backend?.Service?.Name).Concat([ingress.Spec?.DefaultBackend?.Service?.Name]).OfType<string>();

    private static bool Selects(IReadOnlyList<V1Service> services, string service, V1Deployment deployment)
    {
        var labels = deployment.Spec?.Template?.Metadata?.Labels;
        var selector = services.FirstOrDefault(s => s.Metadata?.Name == service)?.Spec?.Selector;
        return labels is not null && selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }
}
