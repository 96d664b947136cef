using System.Text;

namespace OpsBot.Workflows.StateMachines;

// https://mermaid.js.org/syntax/stateDiagram.html
public sealed partial class StateMachine<TState, TTrigger>
{
    /// <summary>
    /// The machine's graph as a Mermaid state diagram, in declaration order: guarded transitions show
    /// their guard in brackets, internal ones are marked, states with no way out lead to [*].
    /// </summary>
    public string ToMermaid(TState initialState)
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append("    [*] --> ").Append(initialState).Append('\n');
        foreach (var (state, configuration) in _states)
        {
            foreach (var rule in configuration.Rules.Where(rule => !rule.Ignored))
            {
                text.Append("    ").Append(state).Append(" --> ").Append(rule.Destination).Append(" : ").Append(rule.Trigger);
                foreach (var guard in rule.Guards)
                {
                    text.Append(" [").Append(guard.Description.Replace(':', ' ')).Append(']');
                }

                if (rule.IsInternal)
                {
                    text.Append(" (internal)");
                }

                text.Append('\n');
            }
        }

        foreach (var state in _states.Keys.Concat(_states.Values.SelectMany(c => c.Rules).Select(r => r.Destination)).Distinct())
        {
            if (!_states.TryGetValue(state, out var configuration) || configuration.Rules.All(rule => rule.Ignored))
            {
                text.Append("    ").Append(state).Append(" --> [*]\n");
            }
        }

        return text.ToString();
    }
}
