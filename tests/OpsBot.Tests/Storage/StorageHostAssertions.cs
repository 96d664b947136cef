using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Audit;
using OpsBot.Chat.Delivery;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Storage;

/// <summary>The same host-level checks for either provider: a console command lands in the store, and /readyz reports it.</summary>
internal static class StorageHostAssertions
{
    public static async Task CommandIsAuditedInTheStoreAndReadyzReportsItAsync(WebApplicationFactory<Program> host, Func<StoreDatabase> openSecondInstance)
    {
        using var client = host.CreateClient();

        using var command = await client.PostAsJsonAsync("/api/console/commands", new { text = "/k8s pods -n ecommerce-production", user = "alice", channel = "incident" });
        using var ready = await client.GetAsync("/readyz");
        var readiness = await ready.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok", (string?)readiness!["checks"]!["store"]);
        Assert.IsType<SqlAuditLog>(host.Services.GetRequiredService<IAuditLog>());
        Assert.IsType<SqlWorkflowStore>(host.Services.GetRequiredService<IWorkflowStore>());
        Assert.IsType<SqlMessageLinkStore>(host.Services.GetRequiredService<IMessageLinkStore>());
        Assert.IsType<SqlClaimStore>(host.Services.GetRequiredService<IClaimStore>());
        Assert.IsType<SqlConversationReferenceStore>(host.Services.GetRequiredService<IConversationReferenceStore>());

        // Read back through a store of our own, as another replica (or the bot after a restart) would.
        await using var database = openSecondInstance();
        var entries = await new SqlAuditLog(database).QueryAsync(new AuditQuery());
        var entry = Assert.Single(entries, entry => entry.CommandText == "/k8s pods -n ecommerce-production");
        Assert.Equal((AuditOutcome.Ok, "incident"), (entry.Outcome, entry.Channel));
        Assert.Contains("alice", entry.User, StringComparison.Ordinal);
    }
}
