namespace OpsBot.Commands;

/// <summary>
/// One word of the command tree: <c>k8s</c> → <c>describe</c> → <c>pod</c>. A node with a
/// <see cref="Definition"/> is a command; a node with <see cref="Children"/> is a group.
/// </summary>
public sealed class CommandNode
{
    private readonly List<CommandNode> _children = [];

    internal CommandNode(string name, CommandNode? parent)
    {
        Name = name;
        Parent = parent;
    }

    public string Name { get; }

    public CommandNode? Parent { get; }

    public CommandDefinition? Definition { get; internal set; }

    public IReadOnlyList<CommandNode> Children => _children;

    /// <summary><c>/k8s describe</c>.</summary>
    public string DisplayName
    {
        get
        {
            var words = new List<string>();
            for (var node = this; node is not null && node.Name.Length > 0; node = node.Parent)
            {
                words.Insert(0, node.Name);
            }

            return "/" + string.Join(' ', words);
        }
    }

    /// <summary>Every command at or below this node.</summary>
    public IEnumerable<CommandDefinition> Commands =>
        (Definition is null ? [] : new[] { Definition }).Concat(_children.SelectMany(child => child.Commands));

    /// <summary>The child called <paramref name="word"/> (or one of its aliases), case-insensitively.</summary>
    public CommandNode? Find(string word) =>
        _children.FirstOrDefault(child => string.Equals(child.Name, word, StringComparison.OrdinalIgnoreCase)
            || (child.Definition?.Aliases.Any(alias => string.Equals(alias, word, StringComparison.OrdinalIgnoreCase)) ?? false)
            || child.GroupAliases.Any(alias => string.Equals(alias, word, StringComparison.OrdinalIgnoreCase)));

    internal List<string> GroupAliases { get; } = [];

    internal CommandNode GetOrAdd(string name)
    {
        var child = _children.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (child is null)
        {
            child = new CommandNode(name, this);
            _children.Add(child);
        }

        return child;
    }
}
