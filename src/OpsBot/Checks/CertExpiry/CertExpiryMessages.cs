using System.Globalization;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary>The cert-expiry alert and its "renewed" follow-up: what is at stake first, then the facts, then the next step.</summary>
public static class CertExpiryMessages
{
    public static ChatMessage Alert(ObservedCertificate certificate, string level, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var name = $"{certificate.Namespace}/{certificate.CertificateName ?? certificate.SecretName}";
        var headline = level == CertExpiryCheck.ExpiredLevel
            ? $"EXPIRED: the certificate {name} expired {Ago(certificate.NotAfter!.Value, now)}"
            : $"{Severity(level)}: the certificate {name} expires in {DaysLeft(certificate.NotAfter!.Value, now)}";
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Bold(headline)) { Fields = Facts(certificate, now) },
            new SectionBlock(NextStep(certificate)),
        };
        if (!certificate.IsManaged)
        {
            blocks.Add(new CodeBlock(ReplaceCommand(certificate)));
        }

        var buttons = new List<ChatButton>();
        if (certificate.IsManaged)
        {
            // cert-manager can be asked to re-issue it: an approved workflow, as /rollback is. A plain Secret gets no button.
            buttons.Add(RunCommandButton.For("Renew (needs approval)", RenewCommand(certificate)));
        }

        buttons.Add(RunCommandButton.For("Certificates in " + certificate.Namespace, $"/k8s certs -n {certificate.Namespace} --cluster {certificate.Cluster}"));
        blocks.Add(new ActionsBlock(buttons));
        blocks.Add(new ContextBlock([RichText.Plain($"cert-expiry · cluster {certificate.Cluster} · thresholds alert once each · /checks mute cert-expiry {name} 1d \"reason\" to hold alerts")]));
        return new ChatMessage(headline) { Header = level == CertExpiryCheck.ExpiredLevel ? "Certificate expired" : "Certificate expiring", Blocks = blocks };
    }

    public static ChatMessage Renewed(ObservedCertificate certificate, DateTimeOffset previousNotAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var name = $"{certificate.Namespace}/{certificate.CertificateName ?? certificate.SecretName}";
        var text = $"Renewed: the certificate {name} is now valid until {Format(certificate.NotAfter!.Value)} ({DaysLeft(certificate.NotAfter.Value, now)} left; it was {Format(previousNotAfter)}).";
        return new ChatMessage(text) { Blocks = [new SectionBlock(RichText.Plain(text))] };
    }

    private static List<MessageField> Facts(ObservedCertificate certificate, DateTimeOffset now)
    {
        var facts = new List<MessageField>
        {
            new("Secures", RichText.Plain(certificate.Hosts.Count > 0 ? string.Join(", ", certificate.Hosts) : "no host names")),
            new("Ingress", RichText.Plain(certificate.Ingresses.Count > 0 ? string.Join(", ", certificate.Ingresses) : "none in its namespace")),
            new("Issuer", RichText.Plain(certificate.Issuer)),
            new("Not after", RichText.Plain(Format(certificate.NotAfter!.Value))),
            new("Days left", RichText.Plain(Math.Floor((certificate.NotAfter.Value - now).TotalDays).ToString(CultureInfo.InvariantCulture))),
            new("Source", RichText.Plain(certificate.IsManaged ? $"cert-manager Certificate {certificate.CertificateName} (Secret {certificate.SecretName})" : $"Secret {certificate.SecretName}")),
        };
        return facts;
    }

    private static RichText NextStep(ObservedCertificate certificate) => certificate.IsManaged
        ? new RichText(
        [
            new TextRun("Next step: cert-manager should have renewed it — find out why not ("),
            new TextRun($"kubectl describe certificate {certificate.CertificateName} -n {certificate.Namespace}", TextStyle.Code),
            new TextRun(", its CertificateRequest and the issuer's events), then renew it now: "),
            new TextRun(RenewCommand(certificate), TextStyle.Code),
            new TextRun(" (the button; approved by a second person) or "),
            new TextRun($"cmctl renew {certificate.CertificateName} -n {certificate.Namespace}", TextStyle.Code),
        ])
        : RichText.Plain($"Next step: this Secret is not managed by cert-manager, so nothing renews it. Get a new certificate for {(certificate.Hosts.Count > 0 ? string.Join(", ", certificate.Hosts) : "its names")} from its issuer ({certificate.Issuer}) and replace the Secret in place:");

    private static string ReplaceCommand(ObservedCertificate certificate) => Actions.CertRenew.CertificateSecrets.ReplaceCommand(certificate.Namespace, certificate.SecretName);

    /// <summary>The approved renewal of a cert-manager Certificate: <c>/cert renew NAMESPACE/NAME --cluster C</c>.</summary>
    public static string RenewCommand(ObservedCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return $"/cert renew {certificate.Namespace}/{certificate.CertificateName} --cluster {certificate.Cluster}";
    }

    private static string Severity(string level) =>
        int.Parse(level, CultureInfo.InvariantCulture) > Commands.K8s.CertsHandler.CriticalDays ? "WARNING" : "CRITICAL";

    private static string DaysLeft(DateTimeOffset notAfter, DateTimeOffset now)
    {
        var days = (int)Math.Floor((notAfter - now).TotalDays);
        return days >= 1 ? (days == 1 ? "1 day" : $"{days} days") : $"{Math.Max(1, (int)Math.Floor((notAfter - now).TotalHours))} hours";
    }

    private static string Ago(DateTimeOffset notAfter, DateTimeOffset now)
    {
        var days = (int)Math.Floor((now - notAfter).TotalDays);
        return days >= 1 ? (days == 1 ? "1 day ago" : $"{days} days ago") : "within the last day";
    }

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
