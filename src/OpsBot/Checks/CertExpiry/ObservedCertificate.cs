namespace OpsBot.Checks;

/// <summary>
/// One certificate as the cert-expiry check sees it: where it lives (the Secret, or the cert-manager Certificate that
/// manages it), what it secures (hosts, Ingresses), who issued it and when it ends.
/// </summary>
public sealed record ObservedCertificate(
    string Cluster,
    string Namespace,
    string SecretName,
    string? CertificateName,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Ingresses,
    string Issuer,
    DateTimeOffset? NotAfter,
    string? Problem)
{
    /// <summary>Whether cert-manager renews it (so <c>cmctl renew</c> is the next step).</summary>
    public bool IsManaged => CertificateName is not null;

    /// <summary>The alert target: the Certificate when cert-manager manages it, else the Secret.</summary>
    public AlertTarget Target => IsManaged
        ? new AlertTarget(CertExpiryCheck.CheckName, Cluster, Namespace, "certificate", CertificateName!)
        : new AlertTarget(CertExpiryCheck.CheckName, Cluster, Namespace, "secret", SecretName);
}
