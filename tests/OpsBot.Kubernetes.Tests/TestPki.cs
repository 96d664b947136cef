using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests;

/// <summary>One generated PKI shared by the tests (RSA key generation is slow): a trusted and an untrusted CA with their server certificates.</summary>
internal static class TestPki
{
    private static readonly Lazy<PemCertificate> LazyCa = new(() => TestCertificates.CreateCa("OpsBot Test CA"));
    private static readonly Lazy<PemCertificate> LazyServer = new(() => TestCertificates.CreateServer(Ca));
    private static readonly Lazy<PemCertificate> LazyOtherCa = new(() => TestCertificates.CreateCa("Somebody Else's CA"));
    private static readonly Lazy<PemCertificate> LazyOtherServer = new(() => TestCertificates.CreateServer(OtherCa));

    public static PemCertificate Ca => LazyCa.Value;

    /// <summary>Signed by <see cref="Ca"/> for 127.0.0.1, ::1 and localhost.</summary>
    public static PemCertificate Server => LazyServer.Value;

    public static PemCertificate OtherCa => LazyOtherCa.Value;

    /// <summary>Signed by <see cref="OtherCa"/>, so untrusted by a kubeconfig naming <see cref="Ca"/>.</summary>
    public static PemCertificate OtherServer => LazyOtherServer.Value;
}
