using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Serialization;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.CertManager;

/// <summary>
/// A minimal cert-manager (<c>cert-manager-certificates-issuing</c> and a self-signing issuer in one): a Certificate whose
/// <c>Issuing</c> condition is True — what <c>cmctl renew</c> sets — is issued at once into its <c>spec.secretName</c> with a
/// fresh self-signed certificate for its <c>commonName</c>/<c>dnsNames</c>, valid for <c>spec.duration</c> (cert-manager's
/// default 90 days) from now. The status then says what cert-manager's does: <c>notBefore</c>, <c>notAfter</c>,
/// <c>renewalTime</c> (<c>renewBefore</c> before the end, by default a third of the duration), <c>revision</c> + 1,
/// <c>Ready=True</c>, and the <c>Issuing</c> condition removed. No ACME, no CertificateRequest objects: drills need a
/// renewal that lands, not an issuer to debug.
/// </summary>
public sealed class CertificateIssuingController : ISimulationController
{
    public const string Component = "cert-manager-certificates-issuing";

    /// <summary>cert-manager's default <c>spec.duration</c>.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromDays(90);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var certificate in context.Store.List(SimResources.Certificates).Items)
        {
            if (Conditions.StatusOf(certificate["status"], "Issuing") == "True" && !Owners.IsTerminating(certificate))
            {
                StoreRaces.Tolerate(() => Issue(context, certificate));
            }
        }
    }

    private static void Issue(SimulationContext context, JsonObject certificate)
    {
        var ns = ObjectMeta.Namespace(certificate);
        var name = ObjectMeta.Name(certificate);
        var spec = certificate["spec"] as JsonObject ?? [];
        var secretName = JsonFields.Str(spec, "secretName") ?? name;
        var duration = DurationText.TryParse(JsonFields.Str(spec, "duration"), out var parsed) && parsed > TimeSpan.Zero ? parsed : DefaultDuration;
        var renewBefore = DurationText.TryParse(JsonFields.Str(spec, "renewBefore"), out var before) && before > TimeSpan.Zero && before < duration ? before : duration / 3;
        var names = Names(spec, name);
        var notBefore = TruncateToSeconds(context.Now);
        var notAfter = notBefore + duration;
        var data = TlsSecretMaterial.Issue(names, notBefore, notAfter);
        var issuer = spec["issuerRef"] as JsonObject;

        var secret = context.Store.TryGet(SimResources.Secrets, ns, secretName);
        if (secret is null)
        {
            context.Store.Create(SimResources.Secrets, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject { ["name"] = secretName, ["namespace"] = ns, ["annotations"] = Annotations(name, issuer) },
                ["type"] = "kubernetes.io/tls",
                ["data"] = data,
            });
        }
        else
        {
            context.Store.Modify(SimResources.Secrets, ns, secretName, (JsonObject s) =>
            {
                var annotations = JsonFields.Child(ObjectMeta.Metadata(s), "annotations");
                foreach (var (key, value) in Annotations(name, issuer))
                {
                    annotations[key] = value?.DeepClone();
                }

                // The scenario's "generate a certificate expiring in N days" no longer describes this Secret.
                annotations.Remove(WorkloadAnnotations.CertificateValidDays);
                s["type"] = "kubernetes.io/tls";
                s["data"] = data;
            });
        }

        var issued = context.Store.Modify(SimResources.Certificates, ns, name, (JsonObject c) =>
        {
            var status = JsonFields.Child(c, "status");
            status["notBefore"] = KubernetesTime.Format(notBefore);
            status["notAfter"] = KubernetesTime.Format(notAfter);
            status["renewalTime"] = KubernetesTime.Format(notAfter - renewBefore);
            status["revision"] = (JsonFields.Long(status, "revision") ?? 0) + 1;
            status.Remove("lastFailureTime");
            status.Remove("failedIssuanceAttempts");
            var conditions = JsonFields.Array(status, "conditions");
            for (var i = conditions.Count - 1; i >= 0; i--)
            {
                if (JsonFields.Str(conditions[i], "type") == "Issuing")
                {
                    conditions.RemoveAt(i);
                }
            }

            Conditions.Set(status, "Ready", "True", "Ready", "Certificate is up to date and has not expired", context.Now);
            if (Conditions.Find(status, "Ready") is { } ready)
            {
                ready["observedGeneration"] = ObjectMeta.Generation(c);
            }
        });
        context.Events.Record(issued, "Normal", "Issuing", "The certificate has been successfully issued", Component);
    }

    private static JsonObject Annotations(string certificate, JsonObject? issuer) => new()
    {
        ["cert-manager.io/certificate-name"] = certificate,
        ["cert-manager.io/issuer-name"] = JsonFields.Str(issuer, "name") ?? string.Empty,
        ["cert-manager.io/issuer-kind"] = JsonFields.Str(issuer, "kind") ?? "Issuer",
    };

    private static List<string> Names(JsonObject spec, string fallback)
    {
        var names = new List<string>();
        if (JsonFields.Str(spec, "commonName") is { Length: > 0 } commonName)
        {
            names.Add(commonName);
        }

        foreach (var dnsName in (spec["dnsNames"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>())
        {
            if (!names.Contains(dnsName, StringComparer.Ordinal))
            {
                names.Add(dnsName);
            }
        }

        return names.Count > 0 ? names : [fallback];
    }

    // X.509 validity has whole seconds; the status says the same instant.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
