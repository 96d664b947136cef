namespace OpsBot.Commands;

/// <summary>The command tree built from every registered handler's <see cref="CommandDefinition"/>.</summary>
public sealed class CommandCatalog
{
    private readonly CommandNode _root = new(string.Empty, null);

    public CommandCatalog(IEnumerable<ICommandHandler> handlers)
        : this(handlers?.Select(handler => handler.Definition) ?? throw new ArgumentNullException(nameof(handlers)))
    {
    }

    public CommandCatalog(IEnumerable<CommandDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var definition in definitions)
        {
            var node = _root;
            foreach (var word in definition.Path)
            {
                node = node.GetOrAdd(word);
            }

            if (node.Definition is not null)
            {
                throw new InvalidOperationException($"Two handlers declare the command {definition.DisplayName}.");
            }

            node.Definition = definition;
        }
    }

    /// <summary>The top-level commands (<c>k8s</c>, …).</summary>
    public IReadOnlyList<CommandNode> Roots => _root.Children;

    public IEnumerable<CommandDefinition> All => _root.Commands;

    public CommandNode? FindRoot(string word) => _root.Find(word);
}
