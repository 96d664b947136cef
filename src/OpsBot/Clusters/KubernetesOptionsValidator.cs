using Microsoft.Extensions.Options;
using OpsBot.Kubernetes;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace OpsBot.Clusters;

/// <summary>
/// Checks <see cref="KubernetesOptions"/> at start: the kubeconfig can be read and holds every configured context,
/// so that a typo fails the start with the contexts there are, not the first command.
/// </summary>
public sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.Contexts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Contexts[i]))
            {
                failures.Add($"Kubernetes:Contexts:{i} is empty; remove it or name a kubeconfig context.");
            }
        }

        foreach (var twice in options.Contexts.Where(c => !string.IsNullOrWhiteSpace(c)).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add($"Kubernetes:Contexts lists \"{twice.Key}\" more than once; list each context once.");
        }

        if (options.InCluster && (options.Contexts.Count > 0 || !string.IsNullOrWhiteSpace(options.Context)))
        {
            failures.Add("Kubernetes:InCluster cannot be combined with Kubernetes:Context or Kubernetes:Contexts; use either the pod's service account or kubeconfig contexts.");
        }

        if (failures.Count == 0 && !options.UsesSimulator && !options.InCluster)
        {
            CheckContexts(options, failures);
        }

        if (failures.Count == 0 && options.InCluster)
        {
            CheckServiceAccount(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The pieces are read again when the client is built (the token at every rotation); this only fails the start early.
    private static void CheckServiceAccount(KubernetesOptions options, List<string> failures)
    {
        try
        {
            ServiceAccountConfiguration.Build(options.ServiceAccountDirectory);
        }
        catch (KubeConfigException e)
        {
            failures.Add($"Kubernetes:InCluster: {e.Message}");
        }
    }

    private static void CheckContexts(KubernetesOptions options, List<string> failures)
    {
        K8SConfiguration config;
        var source = string.IsNullOrWhiteSpace(options.Kubeconfig) ? "KUBECONFIG / ~/.kube/config" : options.Kubeconfig;
        try
        {
            config = KubeconfigLoader.Load(string.IsNullOrWhiteSpace(options.Kubeconfig) ? KubeconfigLoader.DefaultFiles() : [options.Kubeconfig]);
        }
        catch (KubeConfigException e)
        {
            failures.Add($"Kubernetes:Kubeconfig: {e.Message}");
            return;
        }

        var known = (config.Contexts ?? []).Select(c => c.Name).ToList();
        var wanted = options.Contexts.Select(c => ("Kubernetes:Contexts", c)).ToList();
        if (!string.IsNullOrWhiteSpace(options.Context))
        {
            wanted.Insert(0, ("Kubernetes:Context", options.Context));
        }

        foreach (var (key, context) in wanted.Where(w => !known.Contains(w.Item2, StringComparer.Ordinal)))
        {
            failures.Add($"{key} names the context \"{context}\", which {source} does not have; its contexts: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
        }
    }
}
