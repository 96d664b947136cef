using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Clusters;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// One OpsBot process (the real Program over Kestrel-less TestServer) on a <see cref="WorkflowWorld"/>:
/// the world's cluster, store, audit log, links, chat channel and clock; the console users of
/// appsettings.json (alice, bob: sre; carol: viewer) plus dave (sre) and erin (admin).
/// </summary>
internal sealed class WorkflowHost : WebApplicationFactory<Program>
{
    private readonly WorkflowWorld _world;
    private readonly TestScaleAction _action;
    private readonly (string Key, string Value)[] _settings;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cards = new();
    private HttpClient? _http;

    public WorkflowHost(WorkflowWorld world, TestScaleAction action, (string Key, string Value)[] settings)
    {
        _world = world;
        _action = action;
        _settings = settings;
    }

    /// <summary>When set, the workflow store fails while this outage lasts.</summary>
    public StoreOutage? Outage { get; init; }

    /// <summary>Stores that hang when asked to write this state: the process "dies" right before it.</summary>
    public string? HangWritesOfState { get; init; }

    /// <summary>
    /// A SQL world's audit log in its database (as production has it), and the process "dies" right before it writes an
    /// entry with this outcome by a separate write (after the transition it records was committed).
    /// </summary>
    public AuditOutcome? DiesBeforeAuditing { get; init; }

    private HttpClient Http => _http ??= CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", Path.GetDirectoryName(_world.KubeconfigPath));
        // The watch cache is on in production; here tests write to the simulator and read in the same breath (a watch
        // lag race that is not what they test), so hosts read from the API unless a test sets Kubernetes:Cache:Enabled.
        builder.UseSetting("Kubernetes:Cache:Enabled", "false");
        builder.UseSetting("Kubernetes:Kubeconfig", _world.KubeconfigPath);
        builder.UseSetting("Kubernetes:Context", "opsbot-sim");
        builder.UseSetting("Authorization:Users:3:Id", "console:dave");
        builder.UseSetting("Authorization:Users:3:Roles:0", "sre");
        builder.UseSetting("Authorization:Users:4:Id", "console:erin");
        builder.UseSetting("Authorization:Users:4:Roles:0", "admin");
        builder.UseSetting("Approvals:VerificationInterval", "00:00:00.020");
        builder.UseSetting("Approvals:ExpirySweepInterval", "00:00:00.050");
        foreach (var (key, value) in _world.StorageSettings.Concat(_settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(_world.Clock);
            var sqlAudit = _world.UsesSqlStore && DiesBeforeAuditing is not null;
            services.AddSingleton<IWorkflowStore>(provider =>
            {
                // A SQL world: this process's own connections to the database (as a replica or a restart has).
                var store = _world.UsesSqlStore
                    ? new SqlWorkflowStore(provider.GetRequiredService<StoreDatabase>(), sqlAudit ? provider.GetRequiredService<IWorkflowCommitAudit>() : null)
                    : _world.Store;
                store = HangWritesOfState is { } state ? new HangingWorkflowStore(store, state) : store;
                return Outage is { } outage ? new UnavailableWorkflowStore(store, outage) : store;
            });
            if (sqlAudit)
            {
                services.AddSingleton<IAuditLog>(provider => new HangingAuditLog(new SqlAuditLog(provider.GetRequiredService<StoreDatabase>()), DiesBeforeAuditing!.Value));
            }
            else
            {
                services.AddSingleton<IAuditLog>(_world.Audit);
            }

            services.AddSingleton<IMessageLinkStore>(_world.Links);
            services.AddSingleton<IChatChannel>(_world.Channel);
            services.AddSingleton<IClusterProvider>(ClusterProvider.Single("sim", _world.Client));
            services.AddClusterAction(_action);
        });
    }

    public async Task<JsonObject> CommandAsync(string text, string user = "alice")
    {
        var reply = await PostAsync("/api/console/commands", new { text, user, channel = "incident" });
        if (WorkflowWorld.TryWorkflowIdOf(reply) is { } workflowId && (string?)reply["messageId"] is { } messageId)
        {
            _cards.TryAdd(workflowId, messageId);
        }

        return reply;
    }

    /// <summary>Presses a button on the workflow's card, as the console page does (with the card's message id).</summary>
    public Task<JsonObject> PressAsync(string actionId, string workflowId, string user) =>
        PostAsync("/api/console/actions", new { actionId, value = workflowId, user, channel = "incident", messageId = CardOf(workflowId) });

    /// <summary>The console message id of the card a request for this workflow posted (null when requested elsewhere).</summary>
    public string? CardOf(string workflowId) => _cards.GetValueOrDefault(workflowId);

    private async Task<JsonObject> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Passes everything through while the database answers; throws as Npgsql does while <c>outage</c> lasts.</summary>
    private sealed class UnavailableWorkflowStore(IWorkflowStore inner, StoreOutage outage) : IWorkflowStore
    {
        public Task CreateAsync(WorkflowRecord record, CancellationToken cancellationToken = default)
        {
            outage.ThrowIfDown();
            return inner.CreateAsync(record, cancellationToken);
        }

        public Task<WorkflowRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            outage.ThrowIfDown();
            return inner.GetAsync(id, cancellationToken);
        }

        public Task<WorkflowRecord?> TryUpdateAsync(WorkflowRecord record, long expectedVersion, CancellationToken cancellationToken = default)
        {
            outage.ThrowIfDown();
            return inner.TryUpdateAsync(record, expectedVersion, cancellationToken);
        }

        public Task<IReadOnlyList<WorkflowRecord>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
        {
            outage.ThrowIfDown();
            return inner.ListAsync(query, cancellationToken);
        }
    }

    /// <summary>Passes everything through, except that writing an entry with <c>outcome</c> never completes (until the host stops).</summary>
    private sealed class HangingAuditLog(IAuditLog inner, AuditOutcome outcome) : IAuditLog
    {
        public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            if (entry.Outcome == outcome)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await inner.RecordAsync(entry, cancellationToken);
        }

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
    }

    /// <summary>Passes everything through, except that writing <c>state</c> never completes (until the host stops).</summary>
    private sealed class HangingWorkflowStore(IWorkflowStore inner, string state) : IWorkflowStore
    {
        public Task CreateAsync(WorkflowRecord record, CancellationToken cancellationToken = default) => inner.CreateAsync(record, cancellationToken);

        public Task<WorkflowRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public async Task<WorkflowRecord?> TryUpdateAsync(WorkflowRecord record, long expectedVersion, CancellationToken cancellationToken = default)
        {
            if (record.State == state)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await inner.TryUpdateAsync(record, expectedVersion, cancellationToken);
        }

        public Task<IReadOnlyList<WorkflowRecord>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
    }
}
