namespace OpsBot.Workflows.Machines;

/// <summary>
/// A workflow's state machine as the dashboard shows it: its name and its graph as Mermaid text
/// (<c>stateDiagram-v2 …</c>, as Stateless exports it with <c>MermaidGraph.Format(machine.GetInfo())</c>;
/// shown as text: the console loads no scripts from the internet). Each workflow registers one with
/// <c>services.AddSingleton(new WorkflowGraph(name, Machine.Mermaid))</c>.
/// </summary>
public sealed record WorkflowGraph(string Name, string Mermaid);
