using System.Globalization;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary>
/// <c>/k8s certs [-n NS | -A]</c>: TLS secrets (their <c>tls.crt</c> leaf, <see cref="TlsLeaf"/>) and cert-manager Certificates,
/// expired first; under 28 days is a warning, under 14 days critical.
/// </summary>
public sealed class CertsHandler : ICommandHandler
{
    public const int WarningDays = 28;
    public const int CriticalDays = 14;

    public CommandDefinition Definition { get; } = new(["k8s", "certs"], "TLS certificates (secrets and cert-manager) and how long they have left.", Permission.Read)
    {
        Aliases = ["cert", "certificates"],
        AllowsAllNamespaces = true,
        Examples = ["/k8s certs -n ecommerce-production", "/k8s certs -A"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.AllNamespaces ? null : context.Namespace;
        var now = context.Time.GetUtcNow();
        var secrets = await context.Client.Secrets(ns, fieldSelector: "type=kubernetes.io/tls").AllAsync(cancellationToken).ConfigureAwait(false);
        var certificates = await context.Client.ListCertificatesAsync(ns, cancellationToken).ConfigureAwait(false);

        var rows = new List<(string Ns, string Source, string Name, string Subject, DateTimeOffset? NotAfter, string Note)>();
        foreach (var secret in secrets)
        {
            var secretNs = secret.Metadata?.NamespaceProperty ?? string.Empty;
            if (ns is null && !context.IsNamespaceVisible(secretNs))
            {
                continue;
            }

            var name = secret.Metadata?.Name ?? "?";
            rows.Add(TlsLeaf.Read(secret, out var problem) is { } leaf
                ? (secretNs, "secret", name, leaf.DnsNames.Count > 0 ? string.Join(", ", leaf.DnsNames) : leaf.Subject, leaf.NotAfter, string.Empty)
                : (secretNs, "secret", name, "-", null, problem!));
        }

        foreach (var certificate in certificates.Items)
        {
            var certNs = certificate.Metadata?.NamespaceProperty ?? string.Empty;
            if (ns is null && !context.IsNamespaceVisible(certNs))
            {
                continue;
            }

            var ready = certificate.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "Ready");
            var note = ready is null ? "Ready unknown" : ready.Status == "True" ? "Ready" : $"Ready={ready.Status} {ready.Reason}: {ready.Message}";
            var dns = certificate.Spec?.DnsNames is { Count: > 0 } list ? string.Join(", ", list) : certificate.Spec?.CommonName ?? "-";
            rows.Add((certNs, "cert-manager", certificate.Metadata?.Name ?? "?", dns, certificate.Status?.NotAfter, note + (certificate.Spec?.SecretName is { } secretName ? $" (secret {secretName})" : string.Empty)));
        }

        var where = ns is null ? "all namespaces" : $"namespace {ns}";
        var footer = new List<RichText>();
        if (!certificates.IsInstalled)
        {
            footer.Add("cert-manager not installed");
        }

        if (rows.Count == 0)
        {
            var none = $"No TLS secrets or certificates in {where}.";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context, footer)] });
        }

        var sorted = rows.OrderBy(row => row.NotAfter ?? DateTimeOffset.MinValue).ThenBy(row => row.Ns, StringComparer.Ordinal).ThenBy(row => row.Name, StringComparer.Ordinal).ToList();
        var expired = sorted.Count(row => row.NotAfter is { } at && at <= now);
        var critical = sorted.Count(row => row.NotAfter is { } at && at > now && at - now < TimeSpan.FromDays(CriticalDays));
        var warning = sorted.Count(row => row.NotAfter is { } at && at - now >= TimeSpan.FromDays(CriticalDays) && at - now < TimeSpan.FromDays(WarningDays));
        var table = sorted.Take(context.Options.MaxRows).Select(row => (IReadOnlyList<string>)
        [
            row.Ns, row.Source, row.Name, row.Subject,
            row.NotAfter?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-",
            row.NotAfter is { } at ? ((int)Math.Floor((at - now).TotalDays)).ToString(CultureInfo.InvariantCulture) : "-",
            Level(row.NotAfter, now),
            row.Note,
        ]).ToList();
        var summary = $"{K8sReplies.Plural(sorted.Count, "certificate")} in {where}: {expired} expired, {critical} critical (< {CriticalDays} days), {warning} warning (< {WarningDays} days)";
        var blocks = new List<MessageBlock> { new SectionBlock(expired + critical > 0 ? RichText.Bold(summary) : RichText.Plain(summary)) };
        blocks.Add(new TableBlock(["NAMESPACE", "SOURCE", "NAME", "DNS NAMES", "EXPIRES", new("DAYS LEFT", ColumnAlignment.Right), "LEVEL", "NOTE"], table));
        if (sorted.Count > table.Count)
        {
            blocks.Add(new ContextBlock([$"…and {sorted.Count - table.Count:N0} more certificates"]));
        }

        blocks.Add(K8sReplies.Context(context, footer));
        return new ChatReply(new ChatMessage(summary) { Header = $"Certificates in {where}", Blocks = blocks });
    }

    /// <summary><c>EXPIRED</c>, <c>CRITICAL</c> (&lt; 14 days), <c>WARNING</c> (&lt; 28 days) or <c>ok</c>.</summary>
    public static string Level(DateTimeOffset? notAfter, DateTimeOffset now) => notAfter switch
    {
        null => "?",
        { } at when at <= now => "EXPIRED",
        { } at when at - now < TimeSpan.FromDays(CriticalDays) => "CRITICAL",
        { } at when at - now < TimeSpan.FromDays(WarningDays) => "WARNING",
        _ => "ok",
    };
}
