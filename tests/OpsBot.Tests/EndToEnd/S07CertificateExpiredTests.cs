using System.Text.Json.Nodes;
using OpsBot.Commands;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.EndToEnd;

/// <summary>
/// S7: the ingress certificate expired three days ago and cert-manager did not renew it. cert-expiry says so once in the
/// alert channel (<c>sre</c>), alice presses its Renew button, bob approves, the simulator's cert-manager re-issues the
/// Secret, verification sees the new notAfter, and the next cert-expiry run says "Renewed" once, in the alert's thread.
/// </summary>
public sealed class S07CertificateExpiredTests
{
    public const string Scenario = "s07-tls-certificate-expired";

    [Fact]
    public async Task RenewFromTheExpiryAlert_ApprovedByBob_SecretReissued_AndTheCheckSaysRenewedOnceInTheThread()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        drill.MoveTo("sre");
        var certs = await drill.TableAsync($"/k8s certs -n {EndToEndConsole.Namespace}");
        Assert.Contains(certs, row => row.Values.Any(value => value.Contains("expired", StringComparison.OrdinalIgnoreCase)));

        await drill.Alice.RunAsync("/checks run cert-expiry");
        var alert = Assert.Single(await FeedAsync(drill.Alice), m => Text(m).Contains("EXPIRED: the certificate ecommerce-production/shop-tls", StringComparison.Ordinal));
        var renew = EndToEndConsole.Buttons(alert).Single(b => ((string?)b["value"])?.StartsWith("/cert renew ", StringComparison.Ordinal) == true);
        Assert.Equal(RunCommandButton.ActionId, (string?)renew["actionId"]);
        Assert.StartsWith("/cert renew ecommerce-production/shop-tls --cluster ", (string?)renew["value"], StringComparison.Ordinal);

        var card = EndToEndConsole.CardOf(await drill.Alice.PressAsync(RunCommandButton.ActionId, (string)renew["value"]!, (string?)alert["id"]));
        Assert.Contains(card.Changes, change => change.SequenceEqual(["status.conditions[Issuing].status", "(unset)", "True"]));
        var own = await drill.Alice.PressAsync("workflow.approve", card.WorkflowId, card.MessageId);
        Assert.True((bool)own["ephemeral"]!, ConsoleClient.Text(own));
        await drill.ApproveAsync(card);
        var shown = await drill.WaitForSucceededAsync(card, step: "10s");
        Assert.Contains("holds a new certificate, valid until ", ConsoleClient.Text(shown), StringComparison.Ordinal);

        await drill.Alice.RunAsync("/checks run cert-expiry");
        await drill.Alice.RunAsync("/checks run cert-expiry");
        var feed = await FeedAsync(drill.Alice);
        var renewed = Assert.Single(feed, m => Text(m).StartsWith("Renewed: the certificate ecommerce-production/shop-tls is now valid until ", StringComparison.Ordinal));
        Assert.Equal((string?)alert["id"], (string?)renewed["threadId"]);
        Assert.Single(feed, m => Text(m).Contains("EXPIRED: the certificate ecommerce-production/shop-tls", StringComparison.Ordinal));
        await drill.AssertAuditedAsync(card);
        var triage = await drill.Alice.RunAsync($"/triage -n {EndToEndConsole.Namespace}");
        Assert.DoesNotContain(triage["report"]!["findings"]!.AsArray(), f => (string?)f!["kind"] == "CertificateExpired");
    }

    [Fact]
    public async Task Renew_OfAPlainTlsSecret_AnswersWithTheReplaceGuidance_NoWorkflow()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await drill.Alice.RunAsync("/k8s certs");

        var reply = await drill.Alice.RunAsync("/cert renew ecommerce-production/nope");
        var workflows = ConsoleClient.Text(await drill.Alice.RunAsync("/workflow list"));

        Assert.True((bool)reply["ephemeral"]!, ConsoleClient.Text(reply));
        Assert.Contains("There is no cert-manager Certificate ecommerce-production/nope", ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("cert-renew", workflows, StringComparison.Ordinal);
    }

    private static string Text(JsonObject message) => (string?)message["text"] ?? string.Empty;

    private static async Task<List<JsonObject>> FeedAsync(ConsoleClient user)
    {
        var messages = new List<JsonObject>();
        long after = 0;
        while (true)
        {
            var page = await user.FeedAsync(after);
            var items = page["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
            if (items.Count == 0)
            {
                break;
            }

            messages.AddRange(items);
            after = (long)page["latest"]!;
        }

        // The feed keeps every version of a message rewritten in place: the latest copy of each.
        return [.. messages.GroupBy(m => (string?)m["id"]).Select(g => g.Last())];
    }
}
