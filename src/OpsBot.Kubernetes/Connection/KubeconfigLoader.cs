using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>
/// Kubeconfig files read the way kubectl reads them, on the official loaders: <c>KUBECONFIG</c> (several files,
/// merged) or <c>~/.kube/config</c>, a chosen context, and the <c>tokenFile</c> credential, which the official
/// loader does not know (it becomes the official <see cref="TokenFileAuth"/>, read again as the file rotates).
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>
    /// The files kubectl reads: those of <c>KUBECONFIG</c> (separated by <see cref="Path.PathSeparator"/>; missing ones
    /// are skipped), or <c>~/.kube/config</c> when the variable is unset.
    /// </summary>
    public static IReadOnlyList<string> DefaultFiles(Func<string, string?>? environment = null, string? homeDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("KUBECONFIG") is { Length: > 0 } variable)
        {
            return [.. variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(File.Exists)];
        }

        var home = homeDirectory ?? environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var file = Path.Combine(home, ".kube", "config");
        return File.Exists(file) ? [file] : [];
    }

    /// <summary>
    /// Loads <paramref name="files"/> and merges them as kubectl does: the first file to define a cluster, user or
    /// context name wins, <c>current-context</c> comes from the first file that sets it, and relative paths are
    /// resolved against the folder of the file that names them.
    /// </summary>
    /// <exception cref="KubeConfigException">No file, or one that cannot be read.</exception>
    public static K8SConfiguration Load(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new KubeConfigException("No kubeconfig file found: KUBECONFIG is unset or names no existing file, and there is no ~/.kube/config.");
        }

        var loaded = files.Select(Read).ToList();
        if (loaded.Count == 1)
        {
            return loaded[0];
        }

        foreach (var config in loaded)
        {
            MakePathsAbsolute(config);
        }

        return new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = loaded.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            Clusters = FirstByName(loaded.SelectMany(c => c.Clusters ?? []), c => c.Name),
            Users = FirstByName(loaded.SelectMany(c => c.Users ?? []), u => u.Name),
            Contexts = FirstByName(loaded.SelectMany(c => c.Contexts ?? []), c => c.Name),
        };
    }

    /// <summary>
    /// The configuration of <paramref name="context"/> (null: the current context) in <paramref name="kubeconfigPath"/>
    /// (null: <see cref="DefaultFiles"/>), built by the official <see cref="KubernetesClientConfiguration.BuildConfigFromConfigObject"/>.
    /// </summary>
    /// <exception cref="KubeConfigException">The files, the context, its cluster or its user are unusable (an exec plugin that fails, too).</exception>
    public static KubernetesClientConfiguration Build(string? kubeconfigPath = null, string? context = null, Func<string, string?>? environment = null)
    {
        var files = string.IsNullOrWhiteSpace(kubeconfigPath) ? DefaultFiles(environment) : [kubeconfigPath];
        var config = Load(files);
        var contextName = string.IsNullOrWhiteSpace(context) ? config.CurrentContext : context;
        var chosen = config.Contexts?.FirstOrDefault(c => c.Name == contextName);
        var tokenFile = chosen?.ContextDetails?.User is { Length: > 0 } userName ? TokenFileOf(files, userName) : null;
        var user = chosen?.ContextDetails?.User is { Length: > 0 } name ? config.Users?.FirstOrDefault(u => u.Name == name) : null;

        if (user is not null && (user.UserCredentials is null || !HasOtherCredential(user.UserCredentials)))
        {
            // The official loader refuses a user with no credential it knows: one whose only credential is a tokenFile
            // (added below), or none at all, which kubectl sends anonymously (a plain-HTTP test cluster, say).
            chosen!.ContextDetails.User = null;
        }

        KubernetesClientConfiguration result;
        try
        {
            result = KubernetesClientConfiguration.BuildConfigFromConfigObject(config, contextName);
        }
        catch (KubeConfigException error) when (user?.UserCredentials?.ExternalExecution is { } exec && error.Message.StartsWith("external exec failed", StringComparison.Ordinal))
        {
            // The official loader runs the plugin here; its message may carry a JSON exception with a stack trace: keep the first line.
            var reason = error.Message.Split('\n', 2)[0].Trim();
            throw new KubeConfigException(
                $"The exec credential plugin '{exec.Command}' of the user '{user.Name}' gave no usable credential ({reason}). Run it by hand to see its error."
                + (string.IsNullOrWhiteSpace(exec.InstallHint) ? string.Empty : " " + exec.InstallHint.Trim()),
                error);
        }

        if (tokenFile is not null && string.IsNullOrEmpty(result.AccessToken) && result.TokenProvider is null)
        {
            result.TokenProvider = new TokenFileAuth(tokenFile);
        }

        return result;
    }

    // The official model, read with a plain YamlDotNet deserializer: the official LoadKubeConfig goes through
    // KubernetesYaml, whose type map of every API model costs the process about 55 MB resident for a dozen fields.
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    private static K8SConfiguration Read(string file)
    {
        try
        {
            var config = Yaml.Deserialize<K8SConfiguration?>(File.ReadAllText(file)) ?? new K8SConfiguration();
            config.FileName = Path.GetFullPath(file);
            return config;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new KubeConfigException($"Cannot read the kubeconfig '{file}': {error.Message}", error);
        }
    }

    private static bool HasOtherCredential(UserCredentials credentials) =>
        !string.IsNullOrWhiteSpace(credentials.Token)
        || !string.IsNullOrWhiteSpace(credentials.UserName)
        || !string.IsNullOrWhiteSpace(credentials.ClientCertificateData)
        || !string.IsNullOrWhiteSpace(credentials.ClientCertificate)
        || credentials.ExternalExecution is not null
        || credentials.AuthProvider is not null;

    // users[].user.tokenFile of the first file that defines the user, resolved against that file's folder.
    private static string? TokenFileOf(IReadOnlyList<string> files, string userName)
    {
        foreach (var file in files)
        {
            var raw = KubeconfigTokenFiles.Read(file);
            if (raw.Defines(userName))
            {
                return raw.TokenFileOf(userName) is { } path ? Absolute(file, path) : null;
            }
        }

        return null;
    }

    private static void MakePathsAbsolute(K8SConfiguration config)
    {
        var file = config.FileName;
        if (file is null)
        {
            return;
        }

        foreach (var cluster in config.Clusters ?? [])
        {
            if (cluster.ClusterEndpoint is { CertificateAuthority: { Length: > 0 } ca } endpoint)
            {
                endpoint.CertificateAuthority = Absolute(file, ca);
            }
        }

        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials is not { } credentials)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(credentials.ClientCertificate))
            {
                credentials.ClientCertificate = Absolute(file, credentials.ClientCertificate);
            }

            if (!string.IsNullOrEmpty(credentials.ClientKey))
            {
                credentials.ClientKey = Absolute(file, credentials.ClientKey);
            }
        }

        config.FileName = null;
    }

    private static string Absolute(string file, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", path));

    private static List<T> FirstByName<T>(IEnumerable<T> items, Func<T, string> name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. items.Where(item => seen.Add(name(item)))];
    }
}
