using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Timeline;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>
/// The incident machine on Stateless, step by step on one in-memory incident. Like the service, each step gets a fresh
/// machine over the incident (a decision happens at one instant), so the clock can move between steps.
/// </summary>
public sealed class IncidentMachineTests
{
    private readonly ManualTimeProvider _clock = Clock();
    private readonly IncidentPermissions _permissions = Permissions();

    private IncidentMachine On(Incident incident) => IncidentMachine.Create(incident, _permissions, _clock);

    [Fact]
    public void Mermaid_IsStatelessExportOfTheDeclaredMachine()
    {
        Assert.Equal(
            """
            stateDiagram-v2
            	state Active {
            		Declared
            		Investigating
            		Identified
            		Mitigating
            		Monitoring
            	}
            	Active --> Resolved : Resolve [the person holds incident on the namespace] [a SEV1/SEV2 is resolved by its commander (others ask the commander)]
            	Active --> Resolved : ApproveResolve [someone asked to resolve] [the commander approves] [the person holds incident on the namespace]
            	Active --> Active : RequestResolve [the person holds incident on the namespace]
            	Active --> Active : DeclineResolve [the commander declines, or the requester withdraws]
            	Active --> Active : ChangeSeverity [the person holds incident on the namespace]
            	Active --> Active : AssignRole [the person holds incident on the namespace]
            	Declared --> Investigating : Investigate [the person holds incident on the namespace]
            	Declared --> Identified : Identify [the person holds incident on the namespace]
            	Declared --> Mitigating : Mitigate [the person holds incident on the namespace]
            	Declared --> Monitoring : Monitor [the person holds incident on the namespace]
            	Declared --> Cancelled : Cancel [the person holds incident on the namespace] [a reason is given (why it is a false alarm)]
            	Investigating --> Identified : Identify [the person holds incident on the namespace]
            	Investigating --> Mitigating : Mitigate [the person holds incident on the namespace]
            	Investigating --> Monitoring : Monitor [the person holds incident on the namespace]
            	Investigating --> Cancelled : Cancel [the person holds incident on the namespace] [a reason is given (why it is a false alarm)]
            	Identified --> Investigating : Investigate [the person holds incident on the namespace]
            	Identified --> Mitigating : Mitigate [the person holds incident on the namespace]
            	Identified --> Monitoring : Monitor [the person holds incident on the namespace]
            	Mitigating --> Investigating : Investigate [the person holds incident on the namespace]
            	Mitigating --> Identified : Identify [the person holds incident on the namespace]
            	Mitigating --> Monitoring : Monitor [the person holds incident on the namespace]
            	Monitoring --> Investigating : Investigate [the person holds incident on the namespace]
            	Monitoring --> Identified : Identify [the person holds incident on the namespace]
            	Monitoring --> Mitigating : Mitigate [the person holds incident on the namespace]
            	Resolved --> Investigating : Reopen / restart the update cadence [the person holds incident on the namespace]
            	Resolved --> Closed : Close [a postmortem exists (/incident postmortem)] [the person holds incident on the namespace]
            	Resolved --> Resolved : ChangeSeverity [the person holds incident on the namespace]
            	Resolved --> Resolved : AssignRole [the person holds incident on the namespace]
            [*] --> Declared
            """.ReplaceLineEndings("\n"),
            IncidentMachine.Mermaid.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Mermaid_IsTheGraphDocsIncidentsMdShows()
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "INCIDENTS.md"));

        Assert.Contains("```mermaid\n" + IncidentMachine.Mermaid.ReplaceLineEndings("\n") + "\n```", docs.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_EveryStateTakesEachTriggerThroughOneTransition_WithItsSuperstates()
    {
        // Stateless reports the unmet guards of one transition only: two for one trigger (a state's own and its superstate's) would blur a refusal.
        var byState = IncidentMachine.Info.States.ToDictionary(state => (IncidentState)state.UnderlyingState);
        foreach (var state in byState.Values)
        {
            var triggers = new List<object>();
            for (var info = state; info is not null; info = info.Superstate)
            {
                triggers.AddRange(info.FixedTransitions.Select(transition => transition.Trigger.UnderlyingTrigger));
                triggers.AddRange(info.DynamicTransitions.Select(transition => transition.Trigger.UnderlyingTrigger));
            }

            Assert.Equal(triggers.Count, triggers.Distinct().Count());
        }

        Assert.Equal(Enum.GetValues<IncidentState>().Order(), byState.Keys.Order());
        Assert.All(IncidentStates.Open, open => Assert.Equal(IncidentState.Active, (IncidentState)byState[open].Superstate!.UnderlyingState));
    }

    [Fact]
    public async Task Move_OutOfDeclared_NotesTheAcknowledgementOnceAndRecordsTheChange()
    {
        var incident = InState(IncidentState.Declared);
        _clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Null(await On(incident).MoveAsync(IncidentTrigger.Investigate, new StatusChange(Bob, "looking at checkout")));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await On(incident).MoveAsync(IncidentTrigger.Mitigate, new StatusChange(Bob, null)));

        Assert.Equal(IncidentState.Mitigating, incident.State);
        Assert.Equal(Start.AddMinutes(4), incident.AcknowledgedAt);
        Assert.Null(incident.IdentifiedAt);
        var first = Assert.IsType<StatusChanged>(incident.Timeline[0]);
        Assert.Equal((IncidentState.Declared, IncidentState.Investigating, IncidentTrigger.Investigate, Bob, "looking at checkout"), (first.From, first.To, first.Trigger, first.By, first.Reason));
        Assert.Equal("Declared → Investigating: looking at checkout", first.Describe());
        Assert.Equal(Start.AddMinutes(14), incident.UpdatedAt);
    }

    [Fact]
    public async Task Milestones_FirstTimesAreKept_WhenPeopleStepBack()
    {
        var incident = InState(IncidentState.Investigating);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await On(incident).MoveAsync(IncidentTrigger.Identify, new StatusChange(Bob, "bad deploy"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await On(incident).MoveAsync(IncidentTrigger.Monitor, new StatusChange(Bob, null));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await On(incident).MoveAsync(IncidentTrigger.Investigate, new StatusChange(Bob, "errors are back"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await On(incident).MoveAsync(IncidentTrigger.Identify, new StatusChange(Bob, "it was the cache"));
        await On(incident).MoveAsync(IncidentTrigger.Monitor, new StatusChange(Bob, null));

        Assert.Equal((Start.AddMinutes(5), Start.AddMinutes(10)), (incident.IdentifiedAt, incident.MitigatedAt));
        Assert.Equal(5, incident.Timeline.OfType<StatusChanged>().Count());
    }

    [Fact]
    public async Task Resolve_Sev2ByTheCommander_ResolvesAndNotesTheTimes()
    {
        var incident = InState(IncidentState.Mitigating);
        _clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(await On(incident).ResolveAsync(new StatusChange(Alice, "error rate normal")));

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal((Start.AddMinutes(30), Start.AddMinutes(30)), (incident.ResolvedAt, incident.MitigatedAt));
        Assert.Equal(Start.AddMinutes(30), incident.EndedAt);
    }

    [Fact]
    public async Task Resolve_Sev2BySomeoneElse_AsksTheCommanderAndStaysPut()
    {
        var incident = InState(IncidentState.Monitoring);

        Assert.Null(await On(incident).ResolveAsync(new StatusChange(Bob, "looks good for 30 min")));

        Assert.Equal(IncidentState.Monitoring, incident.State);
        Assert.Equal(new ResolveRequest(Bob, Start, "looks good for 30 min"), incident.PendingResolve);
        var asked = Assert.IsType<ResolveRequested>(Assert.Single(incident.Timeline));
        Assert.Equal(Bob, asked.By);
    }

    [Fact]
    public async Task Resolve_Sev3BySomeoneElse_Resolves()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev3);

        Assert.Null(await On(incident).ResolveAsync(new StatusChange(Bob, null)));

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Null(incident.PendingResolve);
    }

    [Fact]
    public async Task ApproveResolve_ByTheCommander_ResolvesNamingTheRequester()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);
        await On(incident).ResolveAsync(new StatusChange(Bob, "quiet for 30 min"));
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(await On(incident).ApproveResolveAsync(new StatusChange(Alice, null)));

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Null(incident.PendingResolve);
        var resolved = Assert.IsType<StatusChanged>(incident.Timeline[^1]);
        Assert.Equal((IncidentTrigger.ApproveResolve, Alice, Bob, "quiet for 30 min"), (resolved.Trigger, resolved.By, resolved.RequestedBy, resolved.Reason));
        Assert.Equal("Monitoring → Resolved, asked by bob and approved by the commander: quiet for 30 min", resolved.Describe());
    }

    [Fact]
    public async Task ApproveResolve_BySomeoneElse_IsRefusedNamingTheCommanderRule()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);
        await On(incident).ResolveAsync(new StatusChange(Bob, null));

        var refused = await On(incident).ApproveResolveAsync(new StatusChange(Carol, null));

        Assert.Equal(IncidentRefusalKind.NotAllowed, refused!.Kind);
        Assert.Equal(["the commander approves"], refused.Reasons);
        Assert.Equal(IncidentState.Monitoring, incident.State);
    }

    [Fact]
    public async Task ApproveResolve_WithoutARequest_IsRefused()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);

        var refused = await On(incident).ApproveResolveAsync(new StatusChange(Alice, null));

        Assert.Equal(["someone asked to resolve"], refused!.Reasons);
    }

    [Theory]
    [InlineData("bob", "sev1", "bob already asked to resolve at 03:00 UTC; the commander (alice) approves or declines it.")]
    [InlineData("alice", "sev1", "You are the commander: resolve it directly.")]
    [InlineData("carol", "sev3", "A SEV3 needs no approval to resolve: resolve it directly.")]
    public async Task RequestResolve_Pointless_IsRefusedSayingWhatToDo(string who, string severity, string reason)
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);
        if (who == "bob")
        {
            await On(incident).RequestResolveAsync(new StatusChange(Bob, null));
        }

        IncidentSeverities.TryParse(severity, out var parsed, out _);
        incident.Severity = parsed;
        var by = who switch { "alice" => Alice, "bob" => Carol, _ => Carol };

        var refused = await On(incident).RequestResolveAsync(new StatusChange(by, null));

        Assert.Equal(IncidentRefusalKind.InvalidInput, refused!.Kind);
        Assert.Equal([reason], refused.Reasons);
    }

    [Fact]
    public async Task DeclineResolve_ByTheCommanderOrTheRequester_ClearsTheRequest()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);
        await On(incident).RequestResolveAsync(new StatusChange(Bob, null));

        var byCarol = await On(incident).DeclineResolveAsync(new StatusChange(Carol, null));
        Assert.Null(await On(incident).DeclineResolveAsync(new StatusChange(Alice, "still seeing 5xx in eu-west")));
        await On(incident).RequestResolveAsync(new StatusChange(Bob, null));
        Assert.Null(await On(incident).DeclineResolveAsync(new StatusChange(Bob, "withdrawn")));
        var nothing = await On(incident).DeclineResolveAsync(new StatusChange(Alice, null));

        Assert.Equal(["the commander declines, or the requester withdraws"], byCarol!.Reasons);
        Assert.Equal(["Nobody asked to resolve."], nothing!.Reasons);
        Assert.Null(incident.PendingResolve);
        var declined = incident.Timeline.OfType<ResolveDeclined>().First();
        Assert.Equal((Alice, Bob, "still seeing 5xx in eu-west"), (declined.By, declined.Requester, declined.Reason));
    }

    [Fact]
    public async Task AnyMove_SettlesAPendingResolveRequest()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);
        await On(incident).RequestResolveAsync(new StatusChange(Bob, null));

        Assert.Null(await On(incident).MoveAsync(IncidentTrigger.Mitigate, new StatusChange(Carol, "errors are back")));

        Assert.Null(incident.PendingResolve);
    }

    [Fact]
    public async Task Reopen_BackToInvestigating_ClearsTheResolutionAndRestartsTheCadence()
    {
        var incident = InState(IncidentState.Resolved);
        incident.ResolvedAt = Start;
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Null(await On(incident).MoveAsync(IncidentTrigger.Reopen, new StatusChange(Bob, "it came back")));

        Assert.Equal(IncidentState.Investigating, incident.State);
        Assert.Null(incident.ResolvedAt);
        Assert.Null(incident.EndedAt);
        Assert.Equal(Start.AddHours(2), incident.CadenceRestartedAt);
    }

    [Fact]
    public async Task Close_WithoutAPostmortem_IsRefusedNamingIt_AndWithOneCloses()
    {
        var incident = InState(IncidentState.Resolved);

        var refused = await On(incident).MoveAsync(IncidentTrigger.Close, new StatusChange(Alice, null));
        incident.Postmortem = new PostmortemRecord(Alice, Start, null);
        var closed = await On(incident).MoveAsync(IncidentTrigger.Close, new StatusChange(Alice, null));

        Assert.Equal(["a postmortem exists (/incident postmortem)"], refused!.Reasons);
        Assert.Equal("'Close' is not possible: a postmortem exists (/incident postmortem).\nAllowed now: Reopen (needs: the person holds incident on the namespace); "
            + "Close (needs: a postmortem exists (/incident postmortem); the person holds incident on the namespace); ChangeSeverity (needs: the person holds incident on the namespace); "
            + "AssignRole (needs: the person holds incident on the namespace).", refused.Message);
        Assert.Null(closed);
        Assert.Equal((IncidentState.Closed, Start), (incident.State, incident.ClosedAt));
    }

    [Fact]
    public async Task Cancel_WithoutAReason_IsRefused_WithOneIsAFalseAlarm()
    {
        var incident = InState(IncidentState.Investigating);

        var refused = await On(incident).MoveAsync(IncidentTrigger.Cancel, new StatusChange(Bob, null));
        var cancelled = await On(incident).MoveAsync(IncidentTrigger.Cancel, new StatusChange(Bob, "synthetic check misfired"));

        Assert.Equal(["a reason is given (why it is a false alarm)"], refused!.Reasons);
        Assert.Null(cancelled);
        Assert.Equal((IncidentState.Cancelled, Start), (incident.State, incident.EndedAt));
    }

    [Fact]
    public async Task Cancel_OnceTheCauseIsKnown_IsRefusedByTheState()
    {
        var incident = InState(IncidentState.Identified);

        var refused = await On(incident).MoveAsync(IncidentTrigger.Cancel, new StatusChange(Bob, "meh"));

        Assert.Equal(IncidentRefusalKind.WrongState, refused!.Kind);
        Assert.Empty(refused.Reasons);
        Assert.Equal(
            ["Investigate", "Mitigate", "Monitor", "Resolve", "ApproveResolve", "RequestResolve", "DeclineResolve", "ChangeSeverity", "AssignRole"],
            refused.Allowed.Select(allowed => allowed.Trigger));
        Assert.StartsWith("'Cancel' is not possible while the incident is identified.\nAllowed now: Investigate (needs: the person holds incident on the namespace);", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_ToTheStateItIsIn_SaysItIsAlreadyThere()
    {
        var incident = InState(IncidentState.Investigating);

        var refused = await On(incident).MoveAsync(IncidentTrigger.Investigate, new StatusChange(Bob, null));

        Assert.StartsWith("The incident is already investigating.", refused!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_ByAViewer_IsRefusedNamingThePermission()
    {
        var incident = InState(IncidentState.Investigating);

        var refused = await On(incident).MoveAsync(IncidentTrigger.Identify, new StatusChange(Vic, null));
        var outsideItsNamespace = await On(incident).MoveAsync(IncidentTrigger.Identify, new StatusChange(Dave, null));

        Assert.Equal((IncidentRefusalKind.NotAllowed, "the person holds incident on the namespace"), (refused!.Kind, Assert.Single(refused.Reasons)));
        Assert.Null(outsideItsNamespace);
        Assert.Equal(IncidentState.Identified, incident.State);
    }

    [Fact]
    public async Task ChangeSeverity_RaisingAnOpenIncidentToSev1_IsFlaggedForEscalationAndRestartsTheCadence()
    {
        var incident = InState(IncidentState.Investigating, IncidentSeverity.Sev3);
        _clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Null(await On(incident).ChangeSeverityAsync(new SeverityChange(Bob, IncidentSeverity.Sev1, "all regions affected")));

        var changed = Assert.IsType<SeverityChanged>(Assert.Single(incident.Timeline));
        Assert.Equal((IncidentSeverity.Sev3, IncidentSeverity.Sev1, true), (changed.From, changed.To, changed.Escalate));
        Assert.Equal("Severity SEV3 → SEV1: all regions affected", changed.Describe());
        Assert.Equal((IncidentSeverity.Sev1, Start.AddMinutes(20)), (incident.Severity, incident.CadenceRestartedAt));
    }

    [Fact]
    public async Task ChangeSeverity_OfAResolvedIncident_IsRecordedWithoutEscalation()
    {
        var incident = InState(IncidentState.Resolved, IncidentSeverity.Sev2);

        Assert.Null(await On(incident).ChangeSeverityAsync(new SeverityChange(Bob, IncidentSeverity.Sev1, "review: it was a full outage")));

        Assert.False(Assert.IsType<SeverityChanged>(Assert.Single(incident.Timeline)).Escalate);
        Assert.Null(incident.CadenceRestartedAt);
    }

    [Fact]
    public async Task ChangeSeverity_ToTheSameOne_IsRefusedAsPointless()
    {
        var incident = InState(IncidentState.Investigating, IncidentSeverity.Sev2);

        var refused = await On(incident).ChangeSeverityAsync(new SeverityChange(Bob, IncidentSeverity.Sev2, null));

        Assert.Equal((IncidentRefusalKind.InvalidInput, "The incident is already SEV2."), (refused!.Kind, Assert.Single(refused.Reasons)));
        Assert.Empty(incident.Timeline);
    }

    [Fact]
    public async Task AssignRole_ToSomeoneWhoMayAct_RecordsWhoHadIt()
    {
        var incident = InState(IncidentState.Investigating);

        Assert.Null(await On(incident).AssignRoleAsync(new RoleChange(Alice, IncidentRole.CommunicationsLead, Carol)));
        Assert.Null(await On(incident).AssignRoleAsync(new RoleChange(Bob, IncidentRole.Commander, Bob)));
        Assert.Null(await On(incident).AssignRoleAsync(new RoleChange(Bob, IncidentRole.CommunicationsLead, null)));

        Assert.Equal((Bob, (Actor?)null), (incident.Commander, incident.CommunicationsLead));
        var handover = incident.Timeline.OfType<RoleAssigned>().ElementAt(1);
        Assert.Equal("Commander: bob (was alice)", handover.Describe());
        Assert.Equal("Communications lead: nobody (was carol)", incident.Timeline[^1].Describe());
    }

    [Theory]
    [InlineData(IncidentRole.Commander, null, "An incident always has a commander: name the new one instead.")]
    [InlineData(IncidentRole.Scribe, null, "Nobody is the scribe; there is nothing to clear.")]
    [InlineData(IncidentRole.Commander, "alice", "alice is already the commander.")]
    [InlineData(IncidentRole.Scribe, "vic", "vic does not hold the incident permission on shop; give the scribe role to someone who can act on the incident.")]
    public async Task AssignRole_Pointless_IsRefusedSayingWhy(IncidentRole role, string? person, string reason)
    {
        var incident = InState(IncidentState.Investigating);
        var who = person switch { "alice" => Alice with { Channel = "elsewhere" }, "vic" => Vic, _ => null };

        var refused = await On(incident).AssignRoleAsync(new RoleChange(Bob, role, who));

        Assert.Equal(reason, Assert.Single(refused!.Reasons));
        Assert.Empty(incident.Timeline);
    }

    [Fact]
    public async Task AssignRole_TheSamePersonFromAnotherPlatform_IsTheSamePerson()
    {
        var incident = InState(IncidentState.Investigating);
        incident.Commander = Alice with { Person = "alice@example.com" };
        var aliceInTeams = new Actor("teams", "29:alice", "19:inc") { Name = "alice", Person = "alice@example.com" };
        _permissions.Grant(aliceInTeams);

        var refused = await On(incident).AssignRoleAsync(new RoleChange(Bob, IncidentRole.Commander, aliceInTeams));

        Assert.Equal("alice is already the commander.", Assert.Single(refused!.Reasons));
    }

    [Theory]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.Cancelled)]
    public async Task FinalStates_TakeNothing(IncidentState state)
    {
        var incident = InState(state);

        var refusals = new[]
        {
            await On(incident).MoveAsync(IncidentTrigger.Reopen, new StatusChange(Alice, null)),
            await On(incident).ResolveAsync(new StatusChange(Alice, null)),
            await On(incident).ChangeSeverityAsync(new SeverityChange(Alice, IncidentSeverity.Sev1, null)),
            await On(incident).AssignRoleAsync(new RoleChange(Alice, IncidentRole.Scribe, Bob)),
        };

        Assert.All(refusals, refusal => Assert.Equal((IncidentRefusalKind.WrongState, 0), (refusal!.Kind, refusal.Allowed.Count)));
        Assert.Empty(incident.Timeline);
    }

    [Fact]
    public void PermittedNow_InAnOpenState_ListsItsOwnMovesThenTheSuperstates()
    {
        var permitted = On(InState(IncidentState.Declared)).PermittedNow();

        Assert.Equal(
            ["Investigate", "Identify", "Mitigate", "Monitor", "Cancel", "Resolve", "ApproveResolve", "RequestResolve", "DeclineResolve", "ChangeSeverity", "AssignRole"],
            permitted.Select(trigger => trigger.Trigger));
        Assert.Equal("Resolve (needs: the person holds incident on the namespace; a SEV1/SEV2 is resolved by its commander (others ask the commander))", permitted[5].ToString());
    }
}
