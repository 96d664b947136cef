using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.Chat.Delivery;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Kubernetes;
using OpsBot.Storage;
using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;
using k8s;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// What outlives an OpsBot process: the cluster (a simulator with a deployment <c>shop/frontend</c> at 3
/// replicas), the workflow store, the audit log, the message links, the chat channel and the clock. Hosts
/// come and go on top of it (<see cref="StartHost"/>), as replicas or restarts would.
/// </summary>
internal sealed partial class WorkflowWorld : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Deployment = "frontend";

    /// <summary>Past the runner lease of a process that died (the hosts keep the default, 30 s): a new one takes over.</summary>
    public static readonly TimeSpan LeaseLapse = TimeSpan.FromSeconds(31);

    private readonly TempDirectory _directory = new();
    private readonly List<(string Key, string Value)> _storageSettings = [];

    // The world's own connection to the SQL store, when the workflows live in one (each host opens its own).
    private StoreDatabase? _database;

    private WorkflowWorld()
    {
    }

    public ClusterSimulator Sim { get; } = new(new ClusterSimulatorOptions { Speed = 0, UseHttps = false, ControllersEnabled = false });

    public IKubernetes Client { get; private set; } = null!;

    public string KubeconfigPath { get; private set; } = null!;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The workflow store as the world sees it: in memory, or another connection to the hosts' SQL database.</summary>
    public IWorkflowStore Store { get; private set; } = new InMemoryWorkflowStore();

    /// <summary>Whether hosts keep workflows in the SQL store their configuration opens (<see cref="StorageSettings"/>).</summary>
    public bool UsesSqlStore => _database is not null;

    /// <summary>The <c>Storage:*</c> settings every host gets (beyond the data directory).</summary>
    public IReadOnlyList<(string Key, string Value)> StorageSettings => _storageSettings;

    public InMemoryAuditLog Audit { get; } = new();

    public InMemoryMessageLinkStore Links { get; } = new();

    public RecordingChatChannel Channel { get; } = new();

    /// <summary>The audit entries about workflow <paramref name="id"/> in the world's database (SQL worlds), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> DatabaseAuditAsync(string id) =>
        await new SqlAuditLog(_database ?? throw new InvalidOperationException("An in-memory world has no database."))
            .QueryAsync(new AuditQuery { Subject = WorkflowActionIds.Subject(id), Limit = 100 });

    /// <summary>
    /// <see cref="WorkflowAsync"/> right after the database was restarted: the first use of the world's own pooled
    /// connection fails (cut by the restart), as in any client; the read is made once more.
    /// </summary>
    public async Task<ActionWorkflow> WorkflowAfterRestartAsync(string id)
    {
        try
        {
            return await WorkflowAsync(id);
        }
        catch (System.Data.Common.DbException)
        {
            return await WorkflowAsync(id);
        }
    }

    /// <summary>A world whose workflows live in memory.</summary>
    public static Task<WorkflowWorld> StartAsync() => StartAsync(null);

    /// <summary>
    /// A world whose workflows live in a real database: <see cref="StorageProviders.Sqlite"/> (a file in the world's folder)
    /// or <see cref="StorageProviders.Postgres"/> at <paramref name="connectionString"/>; null: in memory.
    /// </summary>
    public static async Task<WorkflowWorld> StartAsync(string? provider, string? connectionString = null)
    {
        var world = new WorkflowWorld();
        if (provider is not null)
        {
            world._database = provider == StorageProviders.Postgres
                ? new PostgresStoreDatabase(connectionString ?? throw new ArgumentNullException(nameof(connectionString)))
                : SqliteStoreDatabase.InDirectory(world._directory.Path);
            await new SchemaMigrator(world._database, TimeProvider.System).MigrateAsync();
            world.Store = new SqlWorkflowStore(world._database);
            world._storageSettings.Add(("Storage:Provider", provider));
            if (connectionString is not null)
            {
                world._storageSettings.Add(("Storage:ConnectionString", connectionString));
            }
        }

        await world.Sim.StartAsync();
        world.Sim.Manifests.ApplyText($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{Namespace}}}}
            """);
        world.AddDeployment(Deployment, "registry.example.com/frontend:2.4.1");
        world.Client = SimulatorClients.Create(world.Sim);
        world.KubeconfigPath = world.Sim.WriteKubeconfig(Path.Combine(world._directory.Path, "kubeconfig"));
        return world;
    }

    /// <summary>A deployment <paramref name="name"/> in the namespace: 3 replicas, all ready, one container <c>app</c>.</summary>
    public void AddDeployment(string name, string image) =>
        Sim.Manifests.ApplyText($$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: {{{name}}}, namespace: {{{Namespace}}}, labels: {app: {{{name}}}}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: {{{name}}}}}
              template:
                metadata: {labels: {app: {{{name}}}}}
                spec: {containers: [{name: app, image: "{{{image}}}"}]}
            status: {replicas: 3, readyReplicas: 3}
            """);

    /// <summary>A new OpsBot process on this world with <paramref name="action"/> and extra settings.</summary>
    public WorkflowHost StartHost(TestScaleAction action, params (string Key, string Value)[] settings) => new(this, action, settings);

    /// <summary>The deployment as the cluster has it: replicas, generation (+1 per spec change) and the stamped workflow id.</summary>
    public async Task<(int? Replicas, long? Generation, string? WorkflowId)> DeploymentAsync()
    {
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync(Deployment, Namespace);
        string? stamped = null;
        deployment.Metadata?.Annotations?.TryGetValue(OpsBot.Actions.ActionAnnotations.WorkflowId, out stamped);
        return (deployment.Spec?.Replicas, deployment.Metadata?.Generation, stamped);
    }

    public async Task<ActionWorkflow> WorkflowAsync(string id) =>
        ActionWorkflowRecords.FromRecord(await Store.GetAsync(id) ?? throw new InvalidOperationException($"no workflow {id}"));

    /// <summary>Waits (generously, on real time) until the workflow is in <paramref name="state"/>.</summary>
    public async Task<ActionWorkflow> WaitForAsync(string id, ActionWorkflowState state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var workflow = await WorkflowAsync(id);
            if (workflow.State == state)
            {
                return workflow;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Workflow {id} is {workflow.State}, not {state}. History: {string.Join(", ", workflow.History.Select(change => $"{change.Trigger}:{change.To}"))}; error: {workflow.Error}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (for what the runner does in the background).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException("Never happened: " + what);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The workflow id a console reply names ("… workflow k3x9m2p7qa)").</summary>
    public static string WorkflowIdOf(JsonObject reply) =>
        TryWorkflowIdOf(reply) ?? throw new Xunit.Sdk.XunitException("The reply names no workflow: " + reply["text"]);

    public static string? TryWorkflowIdOf(JsonObject reply)
    {
        var match = WorkflowIdPattern().Match((string?)reply["message"]?["text"] ?? string.Empty);
        return match.Success ? match.Groups[1].Value : null;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await Sim.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }

    [GeneratedRegex(@"workflow ([a-z0-9-]+)\)")]
    private static partial Regex WorkflowIdPattern();
}
