using System.Globalization;
using k8s;
using k8s.Models;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Checks;

/// <summary>
/// Gathers the daily digest: on every cluster nodes not ready or under pressure, workloads not available, HPAs at
/// their maximum or unable to scale, certificates inside 28 days, the top restarters over 24 h (from restart-trend's
/// series); then open incidents and workflows, actions taken in the last 24 h with who approved them, mutes in force,
/// and "could not check" for every check whose last run failed and every cluster that did not answer.
/// </summary>
public sealed class DigestCollector(
    IClusterProvider clusters,
    IClusterClock clusterClock,
    TimeProvider time,
    ICheckStore store,
    ActionWorkflowStore workflows,
    IIncidentStore incidents,
    Microsoft.Extensions.Options.IOptions<CommandOptions> commands)
{
    /// <summary>Certificates closer to expiry than this are listed.</summary>
    public const int CertificateDays = 28;

    /// <summary>How many restarters the digest lists.</summary>
    public const int TopRestarters = 5;

    private static readonly ActionWorkflowState[] OpenStates =
        [ActionWorkflowState.Proposed, ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved, ActionWorkflowState.Executing, ActionWorkflowState.Verifying, ActionWorkflowState.Reverting];

    public async Task<DigestReport> CollectAsync(CancellationToken cancellationToken = default)
    {
        var nodes = new List<string>();
        var workloads = new List<string>();
        var hpas = new List<string>();
        var certificates = new List<(TimeSpan Left, string Line)>();
        var restarters = new List<(int Restarts, string Line)>();
        var failures = new List<string>();
        foreach (var cluster in clusters.ClusterNames)
        {
            var client = clusters.GetClient(cluster);
            var now = (clusterClock.For(client) ?? time).GetUtcNow();
            var prefix = clusters.ClusterNames.Count > 1 ? cluster + ": " : string.Empty;
            try
            {
                nodes.AddRange((await client.Nodes().AllAsync(cancellationToken).ConfigureAwait(false)).Select(NodeProblem).OfType<string>().Select(line => prefix + line));
                workloads.AddRange((await client.Deployments(null).AllAsync(cancellationToken).ConfigureAwait(false)).Select(DeploymentProblem).OfType<string>().Select(line => prefix + line));
                workloads.AddRange((await client.StatefulSets(null).AllAsync(cancellationToken).ConfigureAwait(false)).Select(StatefulSetProblem).OfType<string>().Select(line => prefix + line));
                hpas.AddRange((await client.HorizontalPodAutoscalers(null).AllAsync(cancellationToken).ConfigureAwait(false)).Select(HpaProblem).OfType<string>().Select(line => prefix + line));
                foreach (var certificate in await CertificateInventory.ReadAsync(cluster, client, cancellationToken).ConfigureAwait(false))
                {
                    if (certificate.NotAfter is { } notAfter && notAfter - now < TimeSpan.FromDays(CertificateDays))
                    {
                        var name = $"{certificate.Namespace}/{certificate.CertificateName ?? certificate.SecretName}";
                        var left = notAfter - now;
                        certificates.Add((left, prefix + (left <= TimeSpan.Zero
                            ? $"{name} EXPIRED {Format(notAfter)} ({Hosts(certificate)})"
                            : $"{name} expires in {(int)Math.Floor(left.TotalDays)} days, {Format(notAfter)} ({Hosts(certificate)})")));
                    }
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add("could not check " + (KubernetesErrorMessages.Describe(error, cluster, commands.Value.Timeout) ?? $"{cluster}: {Chat.LogText.Sanitize(error.Message)}"));
                continue;
            }

            var history = await store.RestartSamplesAsync(cluster, now - TimeSpan.FromHours(25), cancellationToken).ConfigureAwait(false);
            foreach (var series in RestartSeries.Build(history))
            {
                var restarts = series.RestartsAfter(now - TimeSpan.FromDays(1));
                if (restarts > 0)
                {
                    restarters.Add((restarts, prefix + $"{series.Kind} {series.Namespace}/{series.Name} {Sparkline.Of(Hourly(series, now))} {restarts} restarts" + (series.LastReason is { } reason ? $", last {reason}" : string.Empty)));
                }
            }
        }

        var botNow = time.GetUtcNow();
        var sections = new List<DigestSection>();
        Add(sections, "Nodes not ready or under pressure", nodes, "/k8s nodes");
        Add(sections, "Workloads not available", workloads, null);
        Add(sections, "Top restarters (24 h, per hour)", [.. restarters.OrderByDescending(item => item.Restarts).Take(TopRestarters).Select(item => item.Line)], null);
        Add(sections, $"Certificates inside {CertificateDays} days", [.. certificates.OrderBy(item => item.Left).Select(item => item.Line)], "/k8s certs -A");
        Add(sections, "HPAs at max or unable to scale", hpas, "/k8s hpa -A");

        var open = await incidents.ListAsync(IncidentQuery.Open, cancellationToken).ConfigureAwait(false);
        Add(sections, "Open incidents", [.. open.Select(incident => $"{incident.Id} {incident.Severity} {incident.Title} ({incident.State}, commander {incident.Commander})")], null);
        var recent = await workflows.ListAsync(new WorkflowQuery { Limit = 500 }, cancellationToken).ConfigureAwait(false);
        Add(sections, "Open workflows", [.. recent.Where(workflow => OpenStates.Contains(workflow.State)).OrderBy(workflow => workflow.CreatedAt)
            .Select(workflow => $"{workflow.Id} {workflow.Summary} — {workflow.State}, requested by {workflow.RequestedBy.DisplayName}")], null);
        Add(sections, "Actions in the last 24 h", [.. recent.Where(workflow => workflow.ExecutionStartedAt is { } started && started > botNow - TimeSpan.FromDays(1)).OrderBy(workflow => workflow.ExecutionStartedAt)
            .Select(workflow => $"{workflow.Summary} — {workflow.State}; requested by {workflow.RequestedBy.DisplayName}, approved by {Approvers(workflow)}")], null);
        var mutes = await store.ActiveMutesAsync(botNow, cancellationToken).ConfigureAwait(false);
        Add(sections, "Mutes in force", [.. mutes.Select(mute => $"{mute.Check} {mute.Target ?? "(all)"} until {Format(mute.Until)} by {mute.By}: {mute.Reason}")], "/checks list");
        var runs = await store.LastRunsAsync(cancellationToken).ConfigureAwait(false);
        failures.AddRange(runs.Values.Where(run => run.Outcome == CheckOutcome.Failed).OrderBy(run => run.Check, StringComparer.Ordinal)
            .Select(run => $"{run.Check} (last run {Format(run.FinishedAt)}): {run.Summary}"));
        Add(sections, "Could not check", failures, "/checks list");
        return new DigestReport(botNow, sections);
    }

    private static void Add(List<DigestSection> sections, string title, IReadOnlyList<string> lines, string? more)
    {
        if (lines.Count > 0)
        {
            sections.Add(new DigestSection(title, lines, more));
        }
    }

    private static IEnumerable<int> Hourly(WorkloadRestartSeries series, DateTimeOffset now) =>
        Enumerable.Range(0, 24).Select(hour => series.Points
            .Where(point => point.At > now - TimeSpan.FromHours(24 - hour) && point.At <= now - TimeSpan.FromHours(23 - hour))
            .Sum(point => point.Restarts));

    private static string? NodeProblem(V1Node node)
    {
        var problems = (node.Status?.Conditions ?? [])
            .Where(condition => condition.Type == "Ready" ? condition.Status != "True" : condition.Type.EndsWith("Pressure", StringComparison.Ordinal) && condition.Status == "True")
            .Select(condition => condition.Type == "Ready" ? $"NotReady ({condition.Reason ?? condition.Status})" : condition.Type)
            .ToList();
        if (node.Spec?.Unschedulable == true)
        {
            problems.Add("cordoned");
        }

        return problems.Count == 0 ? null : $"{node.Metadata.Name}: {string.Join(", ", problems)}";
    }

    private static string? DeploymentProblem(V1Deployment deployment)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var available = deployment.Status?.AvailableReplicas ?? 0;
        var condition = deployment.Status?.Conditions?.FirstOrDefault(item => item.Type == "Available");
        return desired > 0 && (available < desired || condition?.Status == "False")
            ? $"deployment {deployment.Metadata.NamespaceProperty}/{deployment.Metadata.Name}: {available}/{desired} available" + (deployment.Status?.Conditions?.FirstOrDefault(item => item.Type == "Progressing" && item.Status == "False") is { } stuck ? $", {stuck.Reason}" : string.Empty)
            : null;
    }

    private static string? StatefulSetProblem(V1StatefulSet set)
    {
        var desired = set.Spec?.Replicas ?? 1;
        var ready = set.Status?.ReadyReplicas ?? 0;
        return desired > 0 && ready < desired ? $"statefulset {set.Metadata.NamespaceProperty}/{set.Metadata.Name}: {ready}/{desired} ready" : null;
    }

    private static string? HpaProblem(V2HorizontalPodAutoscaler hpa)
    {
        var problems = new List<string>();
        var current = hpa.Status?.CurrentReplicas ?? 0;
        if (current >= hpa.Spec.MaxReplicas)
        {
            problems.Add($"at max ({current}/{hpa.Spec.MaxReplicas})");
        }

        foreach (var condition in hpa.Status?.Conditions ?? [])
        {
            if ((condition.Type is "AbleToScale" or "ScalingActive" && condition.Status == "False") || (condition.Type == "ScalingLimited" && condition.Status == "True" && current < hpa.Spec.MaxReplicas))
            {
                problems.Add($"{condition.Type}={condition.Status} ({condition.Reason})");
            }
        }

        return problems.Count == 0 ? null : $"{hpa.Metadata.NamespaceProperty}/{hpa.Metadata.Name}: {string.Join(", ", problems)}";
    }

    private static string Approvers(ActionWorkflow workflow) =>
        workflow.Approvals.Count > 0 ? string.Join(", ", workflow.Approvals.Select(approval => approval.By.DisplayName).Distinct(StringComparer.Ordinal))
        : workflow.BreakGlass is not null ? "nobody (break-glass)" : "nobody (no approval needed)";

    private static string Hosts(ObservedCertificate certificate) => certificate.Hosts.Count > 0 ? string.Join(", ", certificate.Hosts) : "no host names";

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
