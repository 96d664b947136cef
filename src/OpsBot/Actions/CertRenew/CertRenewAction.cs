using System.Text.Json.Nodes;
using k8s;
using OpsBot.Authorization;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Kubernetes;

namespace OpsBot.Actions.CertRenew;

/// <summary>
/// <c>/cert renew NAMESPACE/NAME</c>: has cert-manager re-issue a Certificate now, exactly as <c>cmctl renew</c> does — the
/// <c>Issuing</c> condition set True (reason <c>ManuallyTriggered</c>) with a PUT of the status subresource, so a concurrent
/// change is refused rather than overwritten. Verification waits for the Secret's certificate to end later than it did.
/// A TLS Secret that cert-manager does not manage gets the replace-the-Secret guidance and no workflow.
/// </summary>
public sealed class CertRenewAction(TimeProvider? time = null, IClusterClock? clusterClock = null) : IClusterAction
{
    public const string ActionKind = "cert-renew";
    public const string ArgumentName = "CERTIFICATE";
    private const string CertificateKey = "certificate";
    private const string SecretKey = "secret";
    private const string NotAfterKey = "notAfter";
    private const string RevisionKey = "revision";
    private const int ConflictRetries = 3;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Kind => ActionKind;

    public CommandDefinition Definition { get; } = new(["cert", "renew"], "Renew a cert-manager Certificate now, as cmctl renew does: re-issued into its Secret. After approval.", Permission.Act)
    {
        Arguments = [new(ArgumentName, ValueKind.NamespacedName, "The cert-manager Certificate: NAMESPACE/NAME (or NAME with -n).") { Required = true, ObjectKind = "certificate" }],
        Examples = ["/cert renew ecommerce-production/shop-tls", "/cert renew shop-tls -n ecommerce-production --cluster prod"],
    };

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.Namespace;
        var name = context.Command.GetString(ArgumentName)!;
        var client = context.Client;
        var certificates = await client.ListCertificatesAsync(ns, cancellationToken).ConfigureAwait(false);
        var certificate = certificates.Items.FirstOrDefault(c => c.Metadata?.Name == name);
        if (certificate is null)
        {
            // A Secret's name instead: the Certificate that writes it, or the guidance for a Secret nothing renews.
            var secret = await client.SecretNamedAsync(ns, name, cancellationToken).ConfigureAwait(false);
            var owner = secret?.Metadata?.Annotations?.TryGetValue(CertificateSecrets.CertificateNameAnnotation, out var ownerName) == true ? ownerName : null;
            certificate = certificates.Items.FirstOrDefault(c => owner is not null && c.Metadata?.Name == owner);
            if (certificate is null)
            {
                throw new CommandFailedException(CertificateSecrets.IsTls(secret)
                    ? PlainSecretGuidance(ns, name, certificates.IsInstalled, context.ClusterName)
                    : Unknown(ns, name, certificates, context.ClusterName));
            }
        }

        var certificateName = certificate.Metadata!.Name;
        var secretName = certificate.Spec?.SecretName ?? certificateName;
        var issuing = certificate.Status?.Conditions?.FirstOrDefault(c => c.Type == IssuingCondition.Type);
        if (issuing?.Status == "True")
        {
            throw new CommandFailedException(
                $"certificate/{certificateName} is already being re-issued (Issuing=True {issuing.Reason}{(issuing.LastTransitionTime is { } since ? " since " + CertificateSecrets.Format(since) : string.Empty)}); nothing to change. Follow it with /k8s certs -n {ns}.");
        }

        var now = context.Time.GetUtcNow();
        var current = await client.SecretNamedAsync(ns, secretName, cancellationToken).ConfigureAwait(false);
        var notAfter = CertificateSecrets.NotAfter(current) ?? certificate.Status?.NotAfter;
        var hosts = HostsOf(certificate);
        var ready = certificate.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var issuer = certificate.Spec?.IssuerRef is { } issuerRef ? $"{issuerRef.Kind ?? "Issuer"}/{issuerRef.Name}" : "no issuerRef";
        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = ns,
            Target = $"certificate/{certificateName}",
            Summary = $"Renew certificate/{certificateName}: cert-manager re-issues it into Secret {secretName}",
            Changes =
            [
                new FieldChange($"status.conditions[{IssuingCondition.Type}].status", issuing?.Status, "True"),
                new FieldChange($"status.conditions[{IssuingCondition.Type}].reason", issuing?.Reason, IssuingCondition.Reason),
            ],
            CurrentState =
            [
                $"Secret {secretName}: " + (notAfter is { } end ? $"valid until {CertificateSecrets.Format(end)} ({CertificateSecrets.Remaining(end, now)})" : "no readable certificate"),
                ready is null ? "Ready: not reported" : $"Ready={ready.Status} {ready.Reason}: {ready.Message}",
                $"issuer {issuer}; secures {(hosts.Count > 0 ? string.Join(", ", hosts) : "no host names")}",
                $"revision {certificate.Status?.Revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"
                    + (certificate.Status?.RenewalTime is { } renewal ? $", renewal due {CertificateSecrets.Format(renewal)}" : string.Empty),
            ],
            Risk = ActionRisk.Low,
            RiskReason = $"cert-manager issues a new certificate for the same names into the same Secret (what cmctl renew does); Ingresses pick it up by name, and the old certificate is only replaced once the new one is signed",
            VerificationDeadline = TimeSpan.FromMinutes(5),
            Data = new JsonObject
            {
                [CertificateKey] = certificateName,
                [SecretKey] = secretName,
                [NotAfterKey] = notAfter?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                [RevisionKey] = certificate.Status?.Revision ?? 0,
            },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        for (var attempt = 1; ; attempt++)
        {
            var certificate = await ReadJsonAsync(client, plan.Namespace, name, cancellationToken).ConfigureAwait(false)
                ?? throw new ActionConflictException($"certificate/{name} is gone from {plan.Namespace}: there is nothing to renew.");
            var issuing = IssuingCondition.Find(certificate, IssuingCondition.Type);
            if ((string?)issuing?["message"] == IssuingCondition.MessageFor(workflowId)
                || IssuingCondition.Number(certificate["status"]?["revision"]) > IssuingCondition.Number(plan.Data[RevisionKey]))
            {
                // This workflow's trigger landed (before a crash), or the certificate was re-issued since the plan.
                return ApplyOutcome.AlreadyApplied;
            }

            IssuingCondition.Set(certificate, workflowId, (clusterClock?.For(client) ?? _time).GetUtcNow());
            try
            {
                await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
                    certificate, CertManagerCertificate.Group, CertManagerCertificate.Version, plan.Namespace, CertManagerCertificate.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ApplyOutcome.Applied;
            }
            catch (Exception error) when (error.IsConflict() && attempt < ConflictRetries)
            {
                // cert-manager wrote the status in between: read it again, as UpdateStatus's callers retry.
            }
        }
    }

    public async Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var secretName = (string?)plan.Data[SecretKey] ?? name;
        var before = plan.Data[NotAfterKey] is { } text ? DateTimeOffset.Parse((string)text!, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        var certificates = await client.ListCertificatesAsync(plan.Namespace, cancellationToken).ConfigureAwait(false);
        var certificate = certificates.Items.FirstOrDefault(c => c.Metadata?.Name == name);
        if (certificate is null)
        {
            return new VerificationResult(VerificationStatus.Failed, $"certificate/{name} is gone from {plan.Namespace}.");
        }

        var now = (clusterClock?.For(client) ?? _time).GetUtcNow();
        var notAfter = CertificateSecrets.NotAfter(await client.SecretNamedAsync(plan.Namespace, secretName, cancellationToken).ConfigureAwait(false));
        var issuing = certificate.Status?.Conditions?.FirstOrDefault(c => c.Type == IssuingCondition.Type);
        var ready = certificate.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var evidence = new List<string>
        {
            $"Secret {secretName}: " + (notAfter is { } end ? $"valid until {CertificateSecrets.Format(end)} ({CertificateSecrets.Remaining(end, now)})" : "no readable certificate"),
            $"before: {(before is { } was ? CertificateSecrets.Format(was) : "no certificate")}",
            ready is null ? "Ready: not reported" : $"Ready={ready.Status} {ready.Reason}: {ready.Message}",
            issuing is null ? "Issuing: done (condition removed)" : $"Issuing={issuing.Status} {issuing.Reason}: {issuing.Message}",
        };
        if (notAfter is { } renewed && (before is null || renewed > before) && renewed > now)
        {
            return new VerificationResult(VerificationStatus.Succeeded, $"Secret {plan.Namespace}/{secretName} holds a new certificate, valid until {CertificateSecrets.Format(renewed)} ({CertificateSecrets.Remaining(renewed, now)}).") { Evidence = evidence };
        }

        if (issuing?.Status == "False")
        {
            // cert-manager gave up on this issuance (reason Failed): it backs off and the Secret keeps the old certificate.
            return new VerificationResult(VerificationStatus.Failed, $"cert-manager could not issue certificate/{name}: {issuing.Reason}: {issuing.Message}") { Evidence = evidence };
        }

        return new VerificationResult(VerificationStatus.Pending, $"Waiting for cert-manager to issue certificate/{name} into Secret {secretName}.") { Evidence = evidence };
    }

    /// <summary>Nothing to put back: a certificate cannot be un-issued, and the one it replaced was the problem.</summary>
    public Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static string Name(ActionPlan plan) => (string?)plan?.Data[CertificateKey] ?? throw new InvalidOperationException("The plan's data names no certificate.");

    private static List<string> HostsOf(CertManagerCertificate certificate)
    {
        var names = new List<string>(certificate.Spec?.DnsNames ?? []);
        if (certificate.Spec?.CommonName is { } commonName && !names.Contains(commonName))
        {
            names.Insert(0, commonName);
        }

        return names;
    }

    // The Certificate as JSON (every field kept for the PUT), listed by name: opsbot-read grants list, and nothing needs get.
    private static async Task<JsonObject?> ReadJsonAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
            CertManagerCertificate.Group, CertManagerCertificate.Version, ns, CertManagerCertificate.Plural, fieldSelector: "metadata.name=" + name, cancellationToken: cancellationToken).ConfigureAwait(false);
        var found = (list?["items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(item => (string?)item["metadata"]?["name"] == name);
        if (found is null)
        {
            return null;
        }

        var certificate = found.DeepClone().AsObject();
        certificate["apiVersion"] = $"{CertManagerCertificate.Group}/{CertManagerCertificate.Version}";
        certificate["kind"] = "Certificate";
        return certificate;
    }

    private static string PlainSecretGuidance(string ns, string name, bool certManagerInstalled, string cluster) =>
        $"{ns}/{name} is a plain TLS Secret{(certManagerInstalled ? " that no cert-manager Certificate manages" : $" (cert-manager is not installed on cluster {cluster})")}, so nothing can renew it for you and there is no renewal to approve. " +
        $"Get a new certificate from its issuer and replace the Secret in place: {CertificateSecrets.ReplaceCommand(ns, name)}";

    private static string Unknown(string ns, string name, CustomResourceList<CertManagerCertificate> certificates, string cluster)
    {
        if (!certificates.IsInstalled)
        {
            return $"cert-manager is not installed on cluster {cluster} (no cert-manager.io/v1 Certificates), and there is no TLS Secret {ns}/{name}. /k8s certs -n {ns} lists the certificates there.";
        }

        var names = certificates.Items.Select(c => c.Metadata?.Name).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return $"There is no cert-manager Certificate {ns}/{name} on cluster {cluster}. "
            + (names.Count == 0 ? $"{ns} has none; /k8s certs -n {ns} lists its TLS Secrets." : $"Certificates in {ns}: {string.Join(", ", names.Take(10))}{(names.Count > 10 ? $" and {names.Count - 10} more" : string.Empty)}.");
    }
}
