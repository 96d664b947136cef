using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Actions;
using OpsBot.Actions.CertRenew;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

/// <summary><c>/cert renew</c> on S7 (an expired cert-manager certificate) against the simulator's cert-manager through the real client.</summary>
public sealed class CertRenewActionTests
{
    private const string Ns = ActionCluster.Ns;
    private const string Wf = ActionCluster.WorkflowId;
    private const string Scenario = "s07-tls-certificate-expired";

    [Fact]
    public async Task S7_Renew_SetsIssuingAsCmctlDoes_OnceOnly_AndVerifiesTheSecretsNewNotAfter()
    {
        await using var c = await ActionCluster.StartAsync(Scenario);
        var before = SecretNotAfter(c);
        Assert.True(before < c.Sim.Clock.GetUtcNow());

        var plan = await c.PlanAsync($"/cert renew {Ns}/shop-tls");

        Assert.Equal(("cert-renew", "certificate/shop-tls", Ns, ActionRisk.Low), (plan.Kind, plan.Target, plan.Namespace, plan.Risk));
        Assert.Equal(
            [new FieldChange("status.conditions[Issuing].status", null, "True"), new FieldChange("status.conditions[Issuing].reason", null, "ManuallyTriggered")],
            plan.Changes);
        Assert.Contains(plan.CurrentState, line => line.StartsWith("Secret shop-tls: valid until ", StringComparison.Ordinal) && line.EndsWith("(expired 3 days ago)", StringComparison.Ordinal));
        Assert.Contains("Ready=False Expired: Certificate has expired", plan.CurrentState);

        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var triggered = Certificate(c);
        var issuing = Condition(triggered, "Issuing")!;
        Assert.Equal(("True", "ManuallyTriggered"), ((string?)issuing["status"], (string?)issuing["reason"]));
        Assert.Equal($"Certificate re-issuance manually triggered (OpsBot workflow {Wf})", (string?)issuing["message"]);
        Assert.Equal("Expired", (string?)Condition(triggered, "Ready")!["reason"]);
        Assert.NotNull(triggered["status"]!["notBefore"]);
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(ObjectMeta.ResourceVersion(triggered), ObjectMeta.ResourceVersion(Certificate(c)));
        Assert.Equal(VerificationStatus.Pending, (await action.VerifyAsync(plan, Wf, c.Client)).Status);

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, TimeSpan.FromMinutes(2));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        var after = SecretNotAfter(c);
        Assert.InRange(after - c.Sim.Clock.GetUtcNow(), TimeSpan.FromDays(89), TimeSpan.FromDays(90));
        Assert.StartsWith($"Secret {Ns}/shop-tls holds a new certificate, valid until ", result.Summary, StringComparison.Ordinal);
        var issued = Certificate(c);
        Assert.Null(Condition(issued, "Issuing"));
        Assert.Equal(("True", "Ready"), ((string?)Condition(issued, "Ready")!["status"], (string?)Condition(issued, "Ready")!["reason"]));
        Assert.Equal(2L, (long)issued["status"]!["revision"]!);
        Assert.Equal(after, DateTimeOffset.Parse((string)issued["status"]!["notAfter"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
    }

    [Fact]
    public async Task Renew_BySecretNameWithDashN_FindsTheCertificateThatWritesIt()
    {
        await using var c = await ActionCluster.StartAsync(Scenario);

        var plan = await c.PlanAsync("/cert renew shop-tls -n " + Ns);

        Assert.Equal(("certificate/shop-tls", Ns), (plan.Target, plan.Namespace));
    }

    [Fact]
    public async Task Renew_WhileIssuing_IsRefused_NothingChanges()
    {
        await using var c = await ActionCluster.StartAsync(Scenario);
        var plan = await c.PlanAsync($"/cert renew {Ns}/shop-tls");
        await ActionCluster.ActionFor(plan).ApplyAsync(plan, Wf, c.Client);
        var version = c.Sim.Store.ResourceVersion;

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync($"/cert renew {Ns}/shop-tls"));

        Assert.StartsWith("certificate/shop-tls is already being re-issued (Issuing=True ManuallyTriggered since ", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, c.Sim.Store.ResourceVersion);
    }

    [Theory]
    [InlineData("/cert renew ecommerce-production/nope", "There is no cert-manager Certificate ecommerce-production/nope on cluster sim. Certificates in ecommerce-production: shop-tls.")]
    [InlineData("/cert renew ecommerce-production/plain-tls", "ecommerce-production/plain-tls is a plain TLS Secret that no cert-manager Certificate manages, so nothing can renew it for you and there is no renewal to approve. Get a new certificate from its issuer and replace the Secret in place: kubectl create secret tls plain-tls -n ecommerce-production --cert=fullchain.pem --key=privkey.pem --dry-run=client -o yaml | kubectl apply -f -")]
    [InlineData("/cert renew default/shop-tls", "There is no cert-manager Certificate default/shop-tls on cluster sim. default has none; /k8s certs -n default lists its TLS Secrets.")]
    public async Task Renew_WhatCertManagerDoesNotRenew_GetsAClearAnswer_NothingChanges(string command, string expected)
    {
        await using var c = await ActionCluster.StartAsync(Scenario);
        PutPlainTlsSecret(c, "plain-tls");
        var version = c.Sim.Store.ResourceVersion;

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync(command));

        Assert.Equal(expected, error.Message);
        Assert.Equal(version, c.Sim.Store.ResourceVersion);
    }

    [Theory]
    [InlineData("/cert renew Bad_NS/shop-tls", "\"Bad_NS\" is not a valid namespace name")]
    [InlineData("/cert renew a/b/c", "\"a/b/c\" is not a certificate: write NAMESPACE/NAME (or NAME with -n NAMESPACE).")]
    [InlineData("/cert renew ecommerce-production/", "is not a certificate: write NAMESPACE/NAME")]
    [InlineData("/cert renew ecommerce-production/Shop_TLS", "\"Shop_TLS\" is not a valid certificate name")]
    [InlineData("/cert renew ecommerce-production/shop-tls -n payments", "ecommerce-production/shop-tls is in namespace ecommerce-production, but -n says payments: give the namespace once.")]
    [InlineData("/cert renew", "/cert renew needs CERTIFICATE")]
    public void Parse_BadNames_AreRefusedBeforeAnythingIsRead(string command, string expected)
    {
        var parser = new CommandParser(new CommandCatalog(ActionCluster.Actions.Select(a => a.Definition)));

        var error = Assert.Throws<CommandInputException>(() => parser.Parse(command));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NamespaceSlashName_MakesTheNamespaceTheCommands()
    {
        var parser = new CommandParser(new CommandCatalog(ActionCluster.Actions.Select(a => a.Definition)));

        var parsed = parser.Parse("/cert renew payments/api-tls --cluster prod").Command!;

        Assert.Equal(("api-tls", "payments", "prod"), (parsed.GetString(CertRenewAction.ArgumentName), parsed.Namespace, parsed.Cluster));
    }

    private static JsonObject Certificate(ActionCluster c) => c.Sim.Store.Get(SimResources.Certificates, Ns, "shop-tls");

    private static JsonObject? Condition(JsonObject certificate, string type) =>
        certificate["status"]!["conditions"]!.AsArray().OfType<JsonObject>().FirstOrDefault(condition => (string?)condition["type"] == type);

    private static DateTimeOffset SecretNotAfter(ActionCluster c)
    {
        var pem = Convert.FromBase64String((string)c.Sim.Store.Get(SimResources.Secrets, Ns, "shop-tls")["data"]!["tls.crt"]!);
        using var certificate = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem));
        return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    private static void PutPlainTlsSecret(ActionCluster c, string name)
    {
        var now = c.Sim.Clock.GetUtcNow();
        c.Sim.Store.Create(SimResources.Secrets, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["type"] = "kubernetes.io/tls",
            ["data"] = TlsSecretMaterial.Issue(["plain.example.com"], now.AddDays(-80), now.AddDays(10)),
        });
    }
}
