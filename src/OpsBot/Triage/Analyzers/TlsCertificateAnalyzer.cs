namespace OpsBot.Triage.Analyzers;

/// <summary>
/// The certificates an ingress serves (its TLS secrets, parsed) and cert-manager Certificates: expired, expiring within
/// <see cref="CriticalDays"/> (critical) or <see cref="WarningDays"/> (warning), or not Ready because they expired.
/// </summary>
public static class TlsCertificateAnalyzer
{
    public const int WarningDays = 28;
    public const int CriticalDays = 14;

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var certificatesBySecret = snapshot.Certificates.Where(c => c.Spec?.SecretName is not null).GroupBy(c => c.Spec!.SecretName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ingress in snapshot.Ingresses)
        {
            foreach (var tls in ingress.Spec?.Tls ?? [])
            {
                if (tls.SecretName is not { } secret || !reported.Add(secret))
                {
                    continue;
                }

                var parsed = snapshot.TlsCertificates.FirstOrDefault(c => c.Secret == secret);
                certificatesBySecret.TryGetValue(secret, out var managed);
                var finding = Judge(snapshot, secret, "ingress/" + ingress.Metadata?.Name, tls.Hosts ?? [], parsed, managed);
                if (finding is not null)
                {
                    yield return finding;
                }
            }
        }

        foreach (var certificate in snapshot.Certificates)
        {
            if (certificate.Spec?.SecretName is { } secret && reported.Contains(secret))
            {
                continue;
            }

            var finding = Judge(snapshot, certificate.Spec?.SecretName, null, certificate.Spec?.DnsNames ?? [], certificate.Spec?.SecretName is { } s ? snapshot.TlsCertificates.FirstOrDefault(c => c.Secret == s) : null, certificate);
            if (finding is not null)
            {
                yield return finding;
            }
        }

    }

    private static Finding? Judge(ClusterSnapshot snapshot, string? secret, string? ingress, IList<string> hosts, TlsCertificate? parsed, Kubernetes.CertManagerCertificate? managed)
    {
        var now = snapshot.Now;
        var notAfter = parsed?.NotAfter ?? managed?.Status?.NotAfter;
        var ready = managed?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var expiredCondition = ready is { Status: "False", Reason: "Expired" };
        var days = notAfter is { } at ? (at - now).TotalDays : (double?)null;
        string? kind = null;
        var severity = Severity.Warning;
        if ((days is { } d && d <= 0) || expiredCondition)
        {
            kind = FindingKinds.CertificateExpired;
            severity = Severity.Critical;
        }
        else if (days is { } left && left <= WarningDays)
        {
            kind = FindingKinds.CertificateExpiring;
            severity = left <= CriticalDays ? Severity.Critical : Severity.Warning;
        }

        if (kind is null)
        {
            return null;
        }

        var primary = secret is not null ? "secret/" + secret : "certificate/" + managed?.Metadata?.Name;
        var resources = new List<string> { primary };
        if (ingress is not null)
        {
            resources.Add(ingress);
        }

        if (managed is not null)
        {
            resources.Add("certificate/" + managed.Metadata?.Name);
        }

        var evidence = new List<Evidence>();
        if (notAfter is { } end)
        {
            evidence.Add(new Evidence("certificate", $"notAfter {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({(end <= now ? $"expired {TriageText.Span(now - end)} ago" : $"{TriageText.Span(end - now)} left")}){(parsed?.DnsNames.Count > 0 ? " for " + string.Join(", ", parsed.DnsNames) : hosts.Count > 0 ? " for " + string.Join(", ", hosts) : string.Empty)}", primary) { At = end });
        }

        if (ready is not null && ready.Status != "True")
        {
            evidence.Add(new Evidence("condition", $"cert-manager Certificate Ready={ready.Status} {ready.Reason}: {TriageText.Excerpt(ready.Message ?? string.Empty)}", "certificate/" + managed?.Metadata?.Name) { At = ready.LastTransitionTime });
        }

        if (parsed?.Problem is { } problem)
        {
            evidence.Add(new Evidence("certificate", problem, primary));
        }

        var issuer = managed?.Spec?.IssuerRef?.Name;
        var expired = kind == FindingKinds.CertificateExpired;
        var name = secret ?? managed?.Metadata?.Name ?? "?";
        return new Finding
        {
            Id = Finding.IdOf(kind, primary),
            Kind = kind,
            Title = expired ? $"TLS certificate {name} has expired" : $"TLS certificate {name} expires in {TriageText.Span(TimeSpan.FromDays(days ?? 0))}",
            Severity = severity,
            Confidence = notAfter is not null ? 0.95 : 0.8,
            Summary = (expired
                ? $"The certificate served{(ingress is null ? string.Empty : " by " + ingress)} for {string.Join(", ", hosts.DefaultIfEmpty("its hosts"))} is past its notAfter: browsers warn and API clients refuse to connect."
                : $"The certificate{(ingress is null ? string.Empty : " of " + ingress)} expires within {(severity == Severity.Critical ? CriticalDays : WarningDays)} days.")
                + (managed is not null ? " Automatic renewal by cert-manager has not happened." : string.Empty),
            Evidence = evidence,
            Resources = resources,
            Proposals =
            [
                new AdviceProposal("renew-certificate", managed is not null
                    ? $"Renew it: /cert renew {snapshot.Target.Namespace}/{managed.Metadata?.Name} (an approved action; cmctl renew {managed.Metadata?.Name} -n {snapshot.Target.Namespace} does the same); check the issuer {issuer ?? "(issuerRef)"} (cmctl status certificate {managed.Metadata?.Name}) for why renewal failed."
                    : $"Issue a new certificate and update the secret {name} (kubectl create secret tls … --dry-run=client -o yaml | kubectl apply -f -); automate renewal (cert-manager)."),
            ],
            StartedAt = expired ? notAfter : null,
        };
    }
}
