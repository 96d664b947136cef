using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Tests.Models;

public sealed class V1CertificateTests
{
    [Fact]
    public void Status_ExpiredCertificate_IsNotReadyWithExpiredReason()
    {
        var certificate = K8sFixtures.Read<V1Certificate>("cert-manager-certificate-expired.yaml");

        var ready = Assert.Single(certificate.Status!.Conditions!);
        Assert.Equal(("Ready", "False", "Expired"), (ready.Type, ready.Status, ready.Reason));
        Assert.Equal("Certificate has expired", ready.Message);
        Assert.Equal(1, ready.ObservedGeneration);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 15, 37, TimeSpan.Zero), certificate.Status.NotAfter);
        Assert.Equal(new DateTimeOffset(2023, 12, 1, 10, 15, 38, TimeSpan.Zero), certificate.Status.NotBefore);
        Assert.Equal(1, certificate.Status.Revision);
        Assert.Equal(["home.flanksource.com", "*.home.flanksource.com"], certificate.Spec!.DnsNames!);
        Assert.Equal(("letsencrypt-production", "ClusterIssuer"), (certificate.Spec.IssuerRef!.Name, certificate.Spec.IssuerRef.Kind));
        Assert.Null(certificate.Spec.IssuerRef.Group);
    }

    [Fact]
    public void Status_RenewingCertificate_IsReadyAndIssuing()
    {
        var certificate = K8sFixtures.Read<V1Certificate>("cert-manager-certificate-renewal.yaml");

        Assert.Equal(["Ready", "Issuing"], certificate.Status!.Conditions!.Select(c => c.Type));
        Assert.Equal("Renewing", certificate.Status.Conditions![1].Reason);
        Assert.Equal("2159h55m", certificate.Spec!.RenewBefore);
        Assert.Equal("super-fast-renewal", certificate.Spec.SecretName);
        Assert.Equal(new DateTimeOffset(2025, 1, 16, 14, 9, 52, TimeSpan.Zero), certificate.Status.RenewalTime);
        Assert.Equal(2, certificate.Status.Revision);
        Assert.Equal("super-fast-renewal-b7nfs", certificate.Status.NextPrivateKeySecretName);
    }
}
