using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpsBot.Kubernetes.Config;

/// <summary>
/// Maps a kubeconfig document onto <see cref="K8SConfiguration"/> through YamlDotNet's node model
/// (no reflection, so the library stays AOT-compatible). Unknown fields are ignored, as kubectl does.
/// </summary>
internal static class KubeConfigYamlReader
{
    public static K8SConfiguration Read(string yaml, string? baseDirectory, string? sourceFile)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException(
                $"The kubeconfig {Describe(sourceFile)} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet's node model reports a key given twice in one mapping this way.
            throw new KubeConfigException($"The kubeconfig {Describe(sourceFile)} is not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return new K8SConfiguration { FileNames = sourceFile is null ? [] : [sourceFile] };
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeConfigException($"The kubeconfig {Describe(sourceFile)} is not a YAML mapping (expected apiVersion, clusters, users, contexts…).");
        }

        var paths = new PathResolver(baseDirectory);
        return new K8SConfiguration
        {
            CurrentContext = String(root, "current-context"),
            Clusters = [.. Entries(root, "clusters", "cluster", sourceFile, (name, body) => new Cluster
            {
                Name = name,
                ClusterEndpoint = ReadCluster(body, paths),
                SourceFile = sourceFile,
            })],
            Users = [.. Entries(root, "users", "user", sourceFile, (name, body) => new User
            {
                Name = name,
                UserCredentials = ReadUser(body, paths),
                SourceFile = sourceFile,
            })],
            Contexts = [.. Entries(root, "contexts", "context", sourceFile, (name, body) => new Context
            {
                Name = name,
                ContextDetails = new ContextDetails
                {
                    Cluster = String(body, "cluster"),
                    User = String(body, "user"),
                    Namespace = String(body, "namespace"),
                },
                SourceFile = sourceFile,
            })],
            FileNames = sourceFile is null ? [] : [sourceFile],
        };
    }

    private static ClusterEndpoint ReadCluster(YamlMappingNode? body, PathResolver paths) => new()
    {
        Server = String(body, "server"),
        CertificateAuthority = paths.Resolve(String(body, "certificate-authority")),
        CertificateAuthorityData = String(body, "certificate-authority-data"),
        SkipTlsVerify = Bool(body, "insecure-skip-tls-verify"),
        TlsServerName = String(body, "tls-server-name"),
        ProxyUrl = String(body, "proxy-url"),
    };

    private static UserCredentials ReadUser(YamlMappingNode? body, PathResolver paths) => new()
    {
        ClientCertificate = paths.Resolve(String(body, "client-certificate")),
        ClientCertificateData = String(body, "client-certificate-data"),
        ClientKey = paths.Resolve(String(body, "client-key")),
        ClientKeyData = String(body, "client-key-data"),
        Token = String(body, "token"),
        TokenFile = paths.Resolve(String(body, "tokenFile")),
        Username = String(body, "username"),
        Password = String(body, "password"),
        Exec = Mapping(body, "exec") is { } exec ? ReadExec(exec, paths) : null,
    };

    private static ExternalExecution ReadExec(YamlMappingNode exec, PathResolver paths) => new()
    {
        ApiVersion = String(exec, "apiVersion"),
        Command = paths.ResolveCommand(String(exec, "command")),
        Args = [.. Sequence(exec, "args").Select(ScalarValue).OfType<string>()],
        Env = [.. Sequence(exec, "env").OfType<YamlMappingNode>()
            .Select(e => new ExecEnvironmentVariable(String(e, "name") ?? string.Empty, String(e, "value") ?? string.Empty))
            .Where(e => e.Name.Length > 0)],
        InstallHint = String(exec, "installHint"),
        ProvideClusterInfo = Bool(exec, "provideClusterInfo"),
        InteractiveMode = String(exec, "interactiveMode"),
    };

    private static IEnumerable<T> Entries<T>(
        YamlMappingNode root, string listKey, string bodyKey, string? sourceFile, Func<string, YamlMappingNode?, T> create)
    {
        foreach (var node in Sequence(root, listKey))
        {
            if (node is not YamlMappingNode entry || String(entry, "name") is not { Length: > 0 } name)
            {
                throw new KubeConfigException(
                    $"The kubeconfig {Describe(sourceFile)} has an entry of '{listKey}' without a name (line {node.Start.Line}); give it a 'name'.");
            }

            yield return create(name, Mapping(entry, bodyKey));
        }
    }

    private static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    private static string? String(YamlMappingNode? map, string key) => Child(map, key) is { } node ? ScalarValue(node) : null;

    private static bool Bool(YamlMappingNode? map, string key) =>
        String(map, key) is { } value && bool.TryParse(value, out var parsed) && parsed;

    private static YamlMappingNode? Mapping(YamlMappingNode? map, string key) => Child(map, key) as YamlMappingNode;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode? map, string key) =>
        Child(map, key) as YamlSequenceNode ?? Enumerable.Empty<YamlNode>();

    private static string? ScalarValue(YamlNode node) => node is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value : null;

    // YAML null: an empty plain scalar, '~' or 'null'.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    private static string Describe(string? sourceFile) => sourceFile is null ? "(given as text)" : $"'{sourceFile}'";

    private sealed class PathResolver(string? baseDirectory)
    {
        // Relative paths are relative to the file that names them, as kubectl resolves them.
        // https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#file-references
        public string? Resolve(string? path) =>
            string.IsNullOrEmpty(path) || baseDirectory is null || Path.IsPathRooted(path)
                ? path
                : Path.GetFullPath(Path.Combine(baseDirectory, path));

        // A bare command name is looked up in PATH; only a path with a separator is relative to the file.
        public string? ResolveCommand(string? command) =>
            command is not null && command.Contains('/', StringComparison.Ordinal) ? Resolve(command) : command;
    }
}
