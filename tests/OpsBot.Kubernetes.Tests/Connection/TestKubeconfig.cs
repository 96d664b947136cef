using System.Text;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Connection;

/// <summary>Writes one-context kubeconfig files (context "test", cluster "test-cluster", user "test-user") as kubectl would read them.</summary>
internal static class TestKubeconfig
{
    /// <summary>
    /// A kubeconfig for <paramref name="server"/>; <paramref name="cluster"/> and <paramref name="user"/> are YAML lines
    /// for the cluster and user entries (e.g. <c>certificate-authority-data: …</c>, <c>token: …</c>).
    /// </summary>
    public static string Write(TempDirectory dir, Uri server, IEnumerable<string> cluster, IEnumerable<string> user, string? ns = null, string file = "config")
    {
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("current-context: test");
        text.AppendLine("clusters:");
        text.AppendLine("- name: test-cluster");
        text.AppendLine("  cluster:");
        text.AppendLine($"    server: {server}");
        foreach (var line in cluster)
        {
            text.AppendLine("    " + line);
        }

        text.AppendLine("users:");
        text.AppendLine("- name: test-user");
        var userLines = user.ToList();
        text.AppendLine(userLines.Count == 0 ? "  user: {}" : "  user:");
        foreach (var line in userLines)
        {
            text.AppendLine("    " + line);
        }

        text.AppendLine("contexts:");
        text.AppendLine("- name: test");
        text.AppendLine("  context:");
        text.AppendLine("    cluster: test-cluster");
        text.AppendLine("    user: test-user");
        if (ns is not null)
        {
            text.AppendLine($"    namespace: {ns}");
        }

        return dir.Write(file, text.ToString());
    }

    /// <summary>The lines trusting <see cref="TestPki.Ca"/> inline.</summary>
    public static IEnumerable<string> TrustTestCa => [$"certificate-authority-data: {TestPki.Ca.CertificateData}"];
}
