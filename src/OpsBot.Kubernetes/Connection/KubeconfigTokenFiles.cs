using YamlDotNet.RepresentationModel;

namespace OpsBot.Kubernetes;

/// <summary>The users of one kubeconfig file and their <c>tokenFile</c>, read from the YAML itself (the official model has no such field).</summary>
internal sealed class KubeconfigTokenFiles
{
    private readonly Dictionary<string, string?> _users = new(StringComparer.Ordinal);

    public bool Defines(string userName) => _users.ContainsKey(userName);

    public string? TokenFileOf(string userName) => _users.GetValueOrDefault(userName);

    public static KubeconfigTokenFiles Read(string file)
    {
        var result = new KubeconfigTokenFiles();
        var yaml = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("users"), out var users)
            || users is not YamlSequenceNode list)
        {
            return result;
        }

        foreach (var entry in list.OfType<YamlMappingNode>())
        {
            var name = Scalar(entry, "name");
            if (name is null || result._users.ContainsKey(name))
            {
                continue;
            }

            result._users[name] = entry.Children.TryGetValue(new YamlScalarNode("user"), out var user) && user is YamlMappingNode details
                ? Scalar(details, "tokenFile")
                : null;
        }

        return result;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
