using System.Text;
using k8s.Models;
using OpsBot.ClusterObjects;
using OpsBot.Testing;

namespace OpsBot.Tests.ClusterObjects;

/// <summary>
/// The one reader of a TLS Secret's <c>tls.crt</c>, shared by <c>/k8s certs</c>, triage's snapshot, the cert-expiry check
/// and <c>/cert renew</c>: what each of them shows of a certificate, and why a secret has none.
/// </summary>
public sealed class TlsLeafTests
{
    [Fact]
    public void Read_AChainOfLeafAndCa_GivesTheLeafsDnsNamesIssuerSubjectAndEnd()
    {
        var authority = TestCertificates.CreateCa("Shop Test CA");
        var leaf = TestCertificates.CreateServerForNamesOnly(authority, "shop.example.com", "www.shop.example.com");

        var read = TlsLeaf.Read(Secret(leaf.CertificatePem + authority.CertificatePem), out var problem);

        Assert.NotNull(read);
        Assert.Null(problem);
        Assert.Equal(["shop.example.com", "www.shop.example.com"], read.DnsNames);
        Assert.Equal("Shop Test CA", read.Issuer);
        Assert.Equal("shop.example.com", read.Subject);
        Assert.Equal(new DateTimeOffset(leaf.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), read.NotAfter);
    }

    [Fact]
    public void Read_ASecretWithoutTlsCrt_SaysSo()
    {
        Assert.Null(TlsLeaf.Read(new V1Secret { Data = new Dictionary<string, byte[]> { ["ca.crt"] = [1] } }, out var problem));
        Assert.Equal(TlsLeaf.NoCertificate, problem);
        Assert.Null(TlsLeaf.Read(null, out problem));
        Assert.Equal(TlsLeaf.NoCertificate, problem);
    }

    [Fact]
    public void Read_ATlsCrtThatIsNotPem_SaysItIsUnreadable()
    {
        Assert.Null(TlsLeaf.Read(Secret("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"), out var problem));
        Assert.Equal(TlsLeaf.Unreadable, problem);
    }

    private static V1Secret Secret(string pem) => new()
    {
        Type = "kubernetes.io/tls",
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.ASCII.GetBytes(pem) },
    };
}
