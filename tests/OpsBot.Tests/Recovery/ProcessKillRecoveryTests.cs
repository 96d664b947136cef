using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Kubernetes;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;
using k8s;

namespace OpsBot.Tests.Recovery;

/// <summary>
/// The real thing: the built OpsBot as an OS process on a SQLite file, against a simulated cluster, SIGKILLed
/// while it verifies an approved <c>/k8s restart</c>, and a new process started on the same database. The window
/// is deterministic: the simulator's clock stands still, so the rollout never completes until the test moves it.
/// </summary>
public sealed class ProcessKillRecoveryTests : IAsyncLifetime
{
    private const string Ns = "shop";

    // Pods start a day before the real now, so "stable for" (real clock minus the pods' virtual start) is long past settling.
    private readonly ClusterSimulator _sim = new(new ClusterSimulatorOptions
    {
        StartTime = TimeProvider.System.GetUtcNow().AddDays(-1),
        Speed = 0,
        UseHttps = false,
        ControllersEnabled = true,
    });

    private readonly TempDirectory _directory = new();
    private IKubernetes _client = null!;
    private SqliteStoreDatabase _database = null!;

    public async Task InitializeAsync()
    {
        await _sim.StartAsync();
        _sim.Manifests.ApplyText($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{Ns}}}}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}
            spec: {}
            status:
              allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
              capacity: {cpu: "4", memory: 16Gi, pods: "110"}
              conditions:
              - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: frontend, namespace: {{{Ns}}}, labels: {app: frontend}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: frontend}}
              template:
                metadata: {labels: {app: frontend}}
                spec: {containers: [{name: app, image: "registry.example.com/frontend:2.4.1"}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: backend, namespace: {{{Ns}}}, labels: {app: backend}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: backend}}
              template:
                metadata: {labels: {app: backend}}
                spec: {containers: [{name: app, image: "registry.example.com/backend:1.0.0"}]}
            """);
        await _sim.Engine.AdvanceAsync(TimeSpan.FromMinutes(2));
        _client = SimulatorClients.Create(_sim);
        _database = SqliteStoreDatabase.InDirectory(_directory.Path);
    }

    [Fact]
    public async Task KilledWhileVerifying_NewProcessFinishesOnce_AndAStaleRequestExpiresByItself()
    {
        var ready = await _client.AppsV1.ReadNamespacedDeploymentAsync("frontend", Ns);
        Assert.Equal((2, 1L), (ready.Status?.ReadyReplicas, ready.Metadata?.Generation));
        var store = new SqlWorkflowStore(_database);
        string id, stale;
        await using (var first = await StartBotAsync())
        {
            id = WorkflowIdOf(await first.CommandAsync("/k8s restart deploy/frontend -n shop", "alice"));
            stale = WorkflowIdOf(await first.CommandAsync("/k8s restart deploy/backend -n shop", "alice"));
            await first.PressAsync(WorkflowActionIds.Approve, id, "bob");
            await WaitForAsync(store, id, ActionWorkflowState.Verifying, first);
            first.Kill();
        }

        // While the bot is down: the rollout completes, and the other request's approval window passes.
        await _sim.Engine.AdvanceAsync(TimeSpan.FromMinutes(2));
        var waiting = (await store.GetAsync(stale))!;
        Assert.Equal(nameof(ActionWorkflowState.AwaitingApproval), waiting.State);
        Assert.NotNull(await store.TryUpdateAsync(waiting with { ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(-1) }, waiting.Version));

        await using (var second = await StartBotAsync())
        {
            await WaitForAsync(store, id, ActionWorkflowState.Succeeded, second);
            await WaitForAsync(store, stale, ActionWorkflowState.Expired, second);
        }

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("frontend", Ns);
        Assert.Equal(2L, deployment.Metadata?.Generation);
        Assert.Equal(id, deployment.Metadata?.Annotations?[OpsBot.Actions.ActionAnnotations.WorkflowId]);
        Assert.Equal(1L, (await _client.AppsV1.ReadNamespacedDeploymentAsync("backend", Ns)).Metadata?.Generation);
        var audit = await new SqlAuditLog(_database).QueryAsync(new AuditQuery { Subject = WorkflowActionIds.Subject(id), Limit = 100 });
        Assert.Single(audit, entry => entry.Outcome == AuditOutcome.Executed);
        Assert.Single(audit, entry => entry.Detail?.StartsWith("Verified:", StringComparison.Ordinal) == true);
        var history = ActionWorkflowRecords.FromRecord((await store.GetAsync(id))!).History;
        Assert.Single(history, change => change.Trigger == ActionWorkflowTrigger.Executed);
        var expired = await new SqlAuditLog(_database).QueryAsync(new AuditQuery { Subject = WorkflowActionIds.Subject(stale), Limit = 100 });
        Assert.Single(expired, entry => entry.Outcome == AuditOutcome.Expired);
    }

    private Task<OpsBotProcess> StartBotAsync() => OpsBotProcess.StartAsync(
        new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = _directory.Path,
            ["Kubernetes:Kubeconfig"] = _sim.WriteKubeconfig(Path.Combine(_directory.Path, "cluster.kubeconfig")),
            ["Kubernetes:Context"] = "opsbot-sim",
            ["Approvals:VerificationInterval"] = "00:00:00.100",
            ["Approvals:ExpirySweepInterval"] = "00:00:00.200",
            ["Approvals:RunnerLease"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        });

    private static async Task WaitForAsync(IWorkflowStore store, string id, ActionWorkflowState state, OpsBotProcess bot)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var record = await store.GetAsync(id);
            if (record?.State == state.ToString())
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Workflow {id} is {record?.State}, not {state}. Data: {record?.Data}\nOpsBot said:\n{bot.Output}");
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await _sim.DisposeAsync();
        _directory.Dispose();
    }
}
