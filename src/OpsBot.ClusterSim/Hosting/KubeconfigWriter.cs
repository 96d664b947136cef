using System.Text;

namespace OpsBot.ClusterSim.Hosting;

/// <summary>Writes a kubeconfig for the simulator: one cluster, one user (bearer token), one context.</summary>
public static class KubeconfigWriter
{
    public static string Render(Uri server, string? caPem, string? token, string contextName, string ns)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Config\npreferences: {}\n");
        text.Append("clusters:\n- name: ").Append(contextName).Append("\n  cluster:\n");
        text.Append("    server: ").Append(server.GetLeftPart(UriPartial.Authority)).Append('\n');
        if (caPem is not null)
        {
            text.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))).Append('\n');
        }

        text.Append("users:\n- name: ").Append(contextName).Append("\n  user:");
        text.Append(token is null ? " {}\n" : $"\n    token: {token}\n");
        text.Append("contexts:\n- name: ").Append(contextName).Append("\n  context:\n");
        text.Append("    cluster: ").Append(contextName).Append('\n');
        text.Append("    user: ").Append(contextName).Append('\n');
        text.Append("    namespace: ").Append(ns).Append('\n');
        text.Append("current-context: ").Append(contextName).Append('\n');
        return text.ToString();
    }
}
