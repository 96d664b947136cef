using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OpsBot.Audit;
using OpsBot.Caching;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Simulation;
using OpsBot.Workflows.Machines;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Console;

/// <summary>
/// What <c>GET /api/dashboard</c> answers: the default cluster's overview, the drill and simulated clock
/// (on the simulator), workflows, recent audit entries and the workflows' state machines. A section that
/// cannot be read carries an <c>error</c> instead; the others are still shown.
/// </summary>
public sealed partial class ConsoleDashboard(
    IClusterProvider clusters,
    IWorkflowStore workflows,
    IAuditLog audit,
    IEnumerable<WorkflowGraph> graphs,
    IOptions<CommandOptions> commandOptions,
    TimeProvider time,
    ILogger<ConsoleDashboard> logger,
    DrillDirector? drills = null,
    IClusterCaches? caches = null)
{
    /// <summary>Workflows and audit entries shown.</summary>
    public const int MaxRows = 50;

    public async Task<JsonObject> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var drill = drills?.Status();
        return new JsonObject
        {
            ["generatedAt"] = Format(now),
            ["cluster"] = await ClusterAsync(drill?.Now ?? now, cancellationToken).ConfigureAwait(false),
            ["simulator"] = drill is null ? null : Simulator(drill),
            ["workflows"] = await SectionAsync("workflows", () => WorkflowsAsync(now, cancellationToken)).ConfigureAwait(false),
            ["audit"] = await SectionAsync("audit", () => AuditAsync(cancellationToken)).ConfigureAwait(false),
            ["stateMachines"] = new JsonArray([.. graphs.Select(graph => (JsonNode)new JsonObject { ["name"] = graph.Name, ["mermaid"] = graph.Mermaid })]),
        };
    }

    // Ages are read on the cluster's clock: on the simulator, the virtual one (a drill may run ahead of real time).
    private async Task<JsonObject> ClusterAsync(DateTimeOffset clusterNow, CancellationToken cancellationToken)
    {
        var name = clusters.DefaultCluster;
        var timeout = commandOptions.Value.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var reads = new ClusterReads(clusters.GetClient(name), caches?.For(name));
            var overview = await DashboardCluster.ReadAsync(reads, clusterNow, deadline.Token).ConfigureAwait(false);
            overview["name"] = name;
            overview["source"] = reads.Describe();
            return overview;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new JsonObject { ["name"] = name, ["error"] = $"The cluster {name} did not answer within {KubernetesErrorMessages.Seconds(timeout)}." };
        }
        catch (Exception error) when (KubernetesErrorMessages.Describe(error, name, timeout) is { } message)
        {
            return new JsonObject { ["name"] = name, ["error"] = message };
        }
    }

    private static JsonObject Simulator(DrillStatus drill) => new()
    {
        ["scenario"] = drill.Scenario,
        ["title"] = drill.Title,
        ["startedAt"] = drill.StartedAt is { } started ? Format(started) : null,
        ["now"] = Format(drill.Now),
        ["elapsed"] = DurationSyntax.Format(drill.Elapsed),
        ["speed"] = drill.Speed,
        ["injected"] = new JsonArray([.. drill.Injected.Select(line => (JsonNode)JsonValue.Create(line))]),
        ["pendingInjections"] = drill.PendingInjections,
    };

    private async Task<JsonNode> WorkflowsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var records = await workflows.ListAsync(new WorkflowQuery { Limit = MaxRows }, cancellationToken).ConfigureAwait(false);
        return new JsonArray([.. records.Select(record => (JsonNode)new JsonObject
        {
            ["id"] = record.Id,
            ["kind"] = record.Kind,
            ["state"] = record.State,
            ["cluster"] = record.Cluster,
            ["namespace"] = record.Namespace,
            ["target"] = record.Target,
            ["requestedBy"] = record.RequestedBy,
            ["createdAt"] = Format(record.CreatedAt),
            ["age"] = Ages.Since(record.CreatedAt, now),
            ["expiresAt"] = record.ExpiresAt is { } expires ? Format(expires) : null,
        })]);
    }

    private async Task<JsonNode> AuditAsync(CancellationToken cancellationToken)
    {
        var entries = await audit.QueryAsync(new AuditQuery { Limit = MaxRows }, cancellationToken).ConfigureAwait(false);
        return new JsonArray([.. entries.Select(entry => (JsonNode)new JsonObject
        {
            ["time"] = Format(entry.Time),
            ["platform"] = entry.Platform.ToString().ToLowerInvariant(),
            ["user"] = entry.User,
            ["channel"] = entry.Channel,
            ["command"] = entry.CommandText,
            ["outcome"] = entry.Outcome.ToString(),
            ["detail"] = entry.Detail,
            ["subject"] = entry.Subject,
        })]);
    }

    private async Task<JsonNode> SectionAsync(string section, Func<Task<JsonNode>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogSectionFailed(error, section);
            return new JsonObject { ["error"] = $"The {section} could not be read; see the log." };
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: the {Section} section could not be read")]
    private partial void LogSectionFailed(Exception error, string section);
}
