using OpsBot.Testing;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Workflows.Tests.Incidents;

public sealed class IncidentMachineTests
{
    [Fact]
    public void Mermaid_IsStatelessExportOfTheDeclaredMachine()
    {
        File.WriteAllText("/tmp/incident.mmd", IncidentMachine.Mermaid); Assert.Equal("x", IncidentMachine.Mermaid.ReplaceLineEndings("\n"));
    }
}
