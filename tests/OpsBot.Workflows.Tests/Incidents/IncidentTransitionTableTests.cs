using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;
using static OpsBot.Workflows.Incidents.IncidentState;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>
/// Every step in every state, through the service's typed API: the permitted ones move the stored incident where the
/// design says (with every rule about the person made to hold), every other one is refused because of the state —
/// with what the state takes instead — and stores nothing.
/// </summary>
public sealed class IncidentTransitionTableTests
{
    private static readonly Dictionary<(IncidentState From, string Step), IncidentState> Permitted = Table();

    // Each step as the host takes it, by people allowed to take it (alice commands the SEV2; bob and carol respond).
    private static readonly Dictionary<string, Func<IncidentService, string, Task<IncidentOutcome>>> Steps = new()
    {
        ["Investigate"] = (service, id) => service.ChangeStatusAsync(id, IncidentTrigger.Investigate, Bob, "looking"),
        ["Identify"] = (service, id) => service.ChangeStatusAsync(id, IncidentTrigger.Identify, Bob, "bad deploy"),
        ["Mitigate"] = (service, id) => service.ChangeStatusAsync(id, IncidentTrigger.Mitigate, Bob, "rolling back"),
        ["Monitor"] = (service, id) => service.ChangeStatusAsync(id, IncidentTrigger.Monitor, Bob, "rolled back"),
        ["Resolve"] = (service, id) => service.ResolveAsync(id, Alice, "error rate normal"),
        ["RequestResolve"] = (service, id) => service.RequestResolveAsync(id, Bob, "quiet for 30 min"),
        ["ApproveResolve"] = (service, id) => service.ApproveResolveAsync(id, Alice),
        ["DeclineResolve"] = (service, id) => service.DeclineResolveAsync(id, Alice, "not yet"),
        ["Reopen"] = (service, id) => service.ChangeStatusAsync(id, IncidentTrigger.Reopen, Bob, "it came back"),
        ["Close"] = (service, id) => service.CloseAsync(id, Alice),
        ["Cancel"] = (service, id) => service.ChangeStatusAsync(id, IncidentTrigger.Cancel, Bob, "synthetic check misfired"),
        ["ChangeSeverity"] = (service, id) => service.ChangeSeverityAsync(id, "sev1", Bob, "all regions"),
        ["AssignRole"] = (service, id) => service.AssignRoleAsync(id, IncidentRole.Scribe, Carol, Bob),
    };

    public static TheoryData<IncidentState, string> EveryStateAndStep()
    {
        var data = new TheoryData<IncidentState, string>();
        foreach (var state in IncidentStates.Stored)
        {
            foreach (var step in Steps.Keys)
            {
                data.Add(state, step);
            }
        }

        return data;
    }

    [Fact]
    public void Permitted_IsEveryTransitionOfTheMachine_InheritedOnesToo()
    {
        var byState = IncidentMachine.Info.States.ToDictionary(state => (IncidentState)state.UnderlyingState);
        var declared = IncidentStates.Stored.Sum(state =>
        {
            var count = 0;
            for (var info = byState[state]; info is not null; info = info.Superstate)
            {
                count += info.FixedTransitions.Count() + info.DynamicTransitions.Count();
            }

            return count;
        });

        Assert.Equal(declared, Permitted.Count);
        Assert.Equal(Steps.Keys.Order(), Enum.GetNames<IncidentTrigger>().Order());
    }

    [Theory]
    [MemberData(nameof(EveryStateAndStep))]
    public async Task Step_InState_MovesWhereTheDesignSaysOrIsRefusedByTheState(IncidentState state, string step)
    {
        var records = new InMemoryIncidentStore();
        var service = Service(records);
        var incident = InState(state);
        incident.Postmortem = new PostmortemRecord(Alice, Start, null);
        if (step is "ApproveResolve" or "DeclineResolve")
        {
            incident.PendingResolve = new ResolveRequest(Bob, Start, "quiet for 30 min");
        }

        await records.CreateAsync(IncidentRecords.ToRecord(incident));
        var id = incident.Id.ToString();

        var outcome = await Steps[step](service, id);

        var stored = await service.GetAsync(id);
        if (Permitted.TryGetValue((state, step), out var to))
        {
            Assert.True(outcome.Status == IncidentOutcomeStatus.Changed, outcome.Message);
            Assert.Equal((to, 2L), (stored!.State, stored.Version));
            var entry = Assert.Single(outcome.Added);
            Assert.Equal(entry, stored.Timeline[^1]);
            Assert.IsType(ExpectedEntry(step), entry);
            if (entry is StatusChanged change)
            {
                Assert.Equal((state, to), (change.From, change.To));
            }
        }
        else
        {
            Assert.Equal(IncidentOutcomeStatus.Refused, outcome.Status);
            Assert.Equal(IncidentRefusalKind.WrongState, outcome.Refusal!.Kind);
            Assert.Equal(state, outcome.Refusal.State);
            Assert.Equal(outcome.Refusal.Message, outcome.Message);
            Assert.Equal(state.IsFinal(), outcome.Refusal.Allowed.Count == 0);
            Assert.Empty(outcome.Added);
            Assert.Equal((state, 1L, 0), (stored!.State, stored.Version, stored.Timeline.Count));
        }
    }

    private static Type ExpectedEntry(string step) => step switch
    {
        "RequestResolve" => typeof(ResolveRequested),
        "DeclineResolve" => typeof(ResolveDeclined),
        "ChangeSeverity" => typeof(SeverityChanged),
        "AssignRole" => typeof(RoleAssigned),
        _ => typeof(StatusChanged),
    };

    private static Dictionary<(IncidentState, string), IncidentState> Table()
    {
        var table = new Dictionary<(IncidentState, string), IncidentState>
        {
            [(Declared, "Investigate")] = Investigating,
            [(Declared, "Identify")] = Identified,
            [(Declared, "Mitigate")] = Mitigating,
            [(Declared, "Monitor")] = Monitoring,
            [(Declared, "Cancel")] = Cancelled,
            [(Investigating, "Identify")] = Identified,
            [(Investigating, "Mitigate")] = Mitigating,
            [(Investigating, "Monitor")] = Monitoring,
            [(Investigating, "Cancel")] = Cancelled,
            [(Identified, "Investigate")] = Investigating,
            [(Identified, "Mitigate")] = Mitigating,
            [(Identified, "Monitor")] = Monitoring,
            [(Mitigating, "Investigate")] = Investigating,
            [(Mitigating, "Identify")] = Identified,
            [(Mitigating, "Monitor")] = Monitoring,
            [(Monitoring, "Investigate")] = Investigating,
            [(Monitoring, "Identify")] = Identified,
            [(Monitoring, "Mitigate")] = Mitigating,
            [(Resolved, "Reopen")] = Investigating,
            [(Resolved, "Close")] = Closed,
            [(Resolved, "ChangeSeverity")] = Resolved,
            [(Resolved, "AssignRole")] = Resolved,
        };

        // What every open state takes from the Active superstate.
        foreach (var open in IncidentStates.Open)
        {
            table[(open, "Resolve")] = Resolved;
            table[(open, "ApproveResolve")] = Resolved;
            table[(open, "RequestResolve")] = open;
            table[(open, "DeclineResolve")] = open;
            table[(open, "ChangeSeverity")] = open;
            table[(open, "AssignRole")] = open;
        }

        return table;
    }
}
