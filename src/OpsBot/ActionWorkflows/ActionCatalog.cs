using OpsBot.Actions;

namespace OpsBot.ActionWorkflows;

/// <summary>Every registered <see cref="IClusterAction"/> by kind. Checked at start: kinds are unique and every action has its command.</summary>
public sealed class ActionCatalog
{
    private readonly Dictionary<string, IClusterAction> _actions = new(StringComparer.Ordinal);

    public ActionCatalog(IEnumerable<IClusterAction> actions, ActionHandlerRegistrations registrations)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var action in actions)
        {
            if (!_actions.TryAdd(action.Kind, action))
            {
                throw new InvalidOperationException($"Two cluster actions have the kind \"{action.Kind}\" ({_actions[action.Kind].GetType().Name} and {action.GetType().Name}); kinds must be unique.");
            }
        }

        if (registrations.Count != _actions.Count)
        {
            throw new InvalidOperationException(
                $"{_actions.Count - registrations.Count} cluster action(s) were registered after AddOpsBotActionWorkflows and have no command; register actions with AddClusterAction<T>() or before AddOpsBotActionWorkflows.");
        }
    }

    public IReadOnlyCollection<string> Kinds => _actions.Keys;

    public IClusterAction? Find(string kind) => _actions.GetValueOrDefault(kind);
}
