using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.Tests.Caching;

/// <summary>
/// Pods in every shape <c>kubectl get pods</c> summarises differently — crash-looping, initializing, a failing init
/// container, a sidecar, completed, scheduling-gated, evicted, terminating, a failed pod being deleted, restarted days
/// ago — with ages and restart times spread over minutes to days, for reads that must summarise them alike.
/// </summary>
internal static class PodShapes
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public static ClusterSimulator Simulator() => new(new ClusterSimulatorOptions { StartTime = Start, Speed = 0, UseHttps = false, ControllersEnabled = false });

    /// <summary>Plants the pods, the clock ending 5 days after <see cref="Start"/>.</summary>
    public static void Plant(ClusterSimulator sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        sim.Manifests.ApplyText("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: payments}\n");
        const string Running = "{running: {startedAt: \"2026-11-20T02:00:00Z\"}}";
        string At(TimeSpan beforeEnd) => (Start.AddDays(5) - beforeEnd).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Apply(sim, "shop", "web-ok", $"phase: Running\n  containerStatuses: [{{name: app, ready: true, restartCount: 0, state: {Running}}}]");
        sim.Clock.Advance(TimeSpan.FromDays(2));
        Apply(sim, "shop", "web-crash", $"phase: Running\n  containerStatuses: [{{name: app, ready: false, restartCount: 5, state: {{waiting: {{reason: CrashLoopBackOff}}}}, lastState: {{terminated: {{exitCode: 1, reason: Error, finishedAt: \"{At(TimeSpan.FromSeconds(150))}\"}}}}}}]");
        Apply(sim, "shop", "oom-days-ago", $"phase: Running\n  containerStatuses: [{{name: app, ready: true, restartCount: 1, state: {Running}, lastState: {{terminated: {{exitCode: 137, reason: OOMKilled, finishedAt: \"{At(TimeSpan.FromHours(76))}\"}}}}}}]");
        Apply(sim, "shop", "init-waiting", "phase: Pending\n  initContainerStatuses: [{name: migrate, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}]\n  containerStatuses: [{name: app, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}]", initContainers: "[{name: migrate, image: migrate:1}]");
        Apply(sim, "shop", "init-failing", $"phase: Pending\n  initContainerStatuses: [{{name: migrate, ready: false, restartCount: 3, state: {{terminated: {{exitCode: 1, reason: Error}}}}, lastState: {{terminated: {{exitCode: 1, reason: Error, finishedAt: \"{At(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(12))}\"}}}}}}]\n  containerStatuses: [{{name: app, ready: false, restartCount: 0, state: {{waiting: {{reason: PodInitializing}}}}}}]", initContainers: "[{name: migrate, image: migrate:1}]");
        sim.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(20));
        Apply(sim, "shop", "with-sidecar", $"phase: Running\n  conditions: [{{type: Initialized, status: \"True\"}}, {{type: Ready, status: \"True\"}}]\n  initContainerStatuses: [{{name: proxy, ready: true, started: true, restartCount: 2, state: {Running}, lastState: {{terminated: {{exitCode: 2, reason: Error, finishedAt: \"{At(TimeSpan.FromMinutes(95))}\"}}}}}}]\n  containerStatuses: [{{name: app, ready: true, restartCount: 0, state: {Running}}}]", initContainers: "[{name: proxy, image: envoy:1, restartPolicy: Always}]");
        Apply(sim, "shop", "job-done", "phase: Succeeded\n  containerStatuses: [{name: app, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}]");
        Apply(sim, "shop", "gated", "phase: Pending\n  conditions: [{type: PodScheduled, status: \"False\", reason: SchedulingGated}]", node: null);
        Apply(sim, "shop", "evicted", "phase: Failed\n  reason: Evicted\n  message: \"The node was low on resource: memory.\"");
        sim.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(59));
        Apply(sim, "shop", "terminating", $"phase: Running\n  containerStatuses: [{{name: app, ready: true, restartCount: 0, state: {Running}}}]", finalizers: true);
        Apply(sim, "shop", "failed-deleting", "phase: Failed\n  containerStatuses: [{name: app, ready: false, restartCount: 0, state: {terminated: {exitCode: 1, reason: Error}}}]", finalizers: true);
        Apply(sim, "payments", "pay-api", $"phase: Running\n  containerStatuses: [{{name: app, ready: true, restartCount: 0, state: {Running}}}]");
        sim.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(20));
        sim.Store.Delete(SimResources.Pods, "shop", "terminating");
        sim.Store.Delete(SimResources.Pods, "shop", "failed-deleting");
        sim.Clock.Advance(TimeSpan.FromSeconds(20));
    }

    private static void Apply(ClusterSimulator sim, string ns, string name, string status, string? initContainers = null, string? node = "node-a", bool finalizers = false)
    {
        var labels = "labels: {app: " + name + "}" + (finalizers ? ", finalizers: [example.com/keep]" : string.Empty);
        var spec = (node is null ? string.Empty : "nodeName: " + node + ", ") + "containers: [{name: app, image: app:1}]"
            + (initContainers is null ? string.Empty : ", initContainers: " + initContainers);
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: " + ns + ", " + labels + "}\nspec: {" + spec + "}\nstatus:\n  " + status + "\n";
        sim.Manifests.ApplyText(yaml);
    }
}
