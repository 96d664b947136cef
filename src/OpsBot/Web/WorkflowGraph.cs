namespace OpsBot.Web;

/// <summary>
/// A workflow's state machine as the dashboard shows it: its name and its graph as Mermaid text
/// (<c>stateDiagram-v2 …</c>, shown as text: the console loads no scripts from the internet). Each
/// workflow registers one with <c>services.AddSingleton(new WorkflowGraph(…))</c>.
/// </summary>
public sealed record WorkflowGraph(string Name, string Mermaid);
