using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>Declaring, bad input, unknown ids, races: the service's answers, and that a refusal changes nothing.</summary>
public sealed class IncidentServiceTests
{
    private readonly InMemoryIncidentStore _records = new();
    private readonly IncidentService _service;

    public IncidentServiceTests() => _service = Service(_records);

    [Fact]
    public async Task Declare_Valid_StoresItDeclaredWithThePerYearIdAndTheDeclarerAsCommander()
    {
        var first = await _service.DeclareAsync(Declaration());
        var second = await _service.DeclareAsync(Declaration("SEV-3", "  Search   is\nslow  "));

        Assert.Equal(IncidentOutcomeStatus.Changed, first.Status);
        var incident = first.Incident!;
        Assert.Equal(("INC-2026-0001", "INC-2026-0002"), (incident.Id.ToString(), second.Incident!.Id.ToString()));
        Assert.Equal((IncidentState.Declared, IncidentSeverity.Sev1, Alice, "shop", 1L), (incident.State, incident.Severity, incident.Commander, incident.Namespace, incident.Version));
        Assert.Equal(("Search is slow", IncidentSeverity.Sev3), (second.Incident.Title, second.Incident.Severity));
        var declared = Assert.IsType<IncidentDeclared>(Assert.Single(first.Added));
        Assert.Equal("Declared SEV1 \"Checkout returns 500s\"; commander alice", declared.Describe());
        var stored = await _records.GetAsync("INC-2026-0001");
        Assert.Equal(("Declared", "Sev1", "slack:U0ALICE", Start.AddMinutes(30)), (stored!.State, stored.Severity, stored.Commander, stored.NextReminderAt));
    }

    [Fact]
    public async Task Declare_WithACommander_MakesThemCommander()
    {
        var outcome = await _service.DeclareAsync(Declaration(commander: Bob));

        Assert.Equal((Bob, Alice), (outcome.Incident!.Commander, outcome.Incident.DeclaredBy));
    }

    [Fact]
    public async Task Declare_Sev1_IsFlaggedForEscalation_Sev2IsNot()
    {
        var sev1 = await _service.DeclareAsync(Declaration("sev1"));
        var sev2 = await _service.DeclareAsync(Declaration("sev2"));

        Assert.True(sev1.Escalate);
        Assert.False(sev2.Escalate);
    }

    public static TheoryData<string, string, string> BadDeclarations() => new()
    {
        { "sev5", "Checkout down", "\"sev5\" is not a severity; use sev1, sev2, sev3 or sev4 (sev1 is the most severe)." },
        { "critical", "Checkout down", "\"critical\" is not a severity; use sev1, sev2, sev3 or sev4 (sev1 is the most severe)." },
        { "", "Checkout down", "A severity is needed: use sev1, sev2, sev3 or sev4 (sev1 is the most severe)." },
        { "sev1", "   ", "The title is empty; describe the impact in a few words, e.g. \"Checkout returns 500s\"." },
        { "sev1", new string('x', 201), "The title has 201 characters; the most is 200." },
        { "sev1", "Checkout\u0007down", "The text has a control character; type it again without it." },
    };

    [Theory]
    [MemberData(nameof(BadDeclarations))]
    public async Task Declare_BadInput_IsRefusedWithWhatToFixAndStoresNothing(string severity, string title, string reason)
    {
        var outcome = await _service.DeclareAsync(Declaration(severity, title));

        Assert.Equal(IncidentOutcomeStatus.Refused, outcome.Status);
        Assert.Equal(IncidentRefusalKind.InvalidInput, outcome.Refusal!.Kind);
        Assert.Equal(reason, Assert.Single(outcome.Refusal.Reasons));
        Assert.Equal(reason, outcome.Message);
        Assert.Null(outcome.Incident);
        Assert.Empty(await _records.ListAsync(new IncidentQuery()));
        Assert.Equal(1, (await _records.AllocateIdAsync(2026)).Number);
    }

    [Fact]
    public async Task Declare_SeveralProblems_AreAllNamed()
    {
        var outcome = await _service.DeclareAsync(Declaration("sev0", "", ns: "Shop_Prod") with { DetectedAt = Start.AddHours(1) });

        Assert.Equal(
            [
                "\"sev0\" is not a severity; use sev1, sev2, sev3 or sev4 (sev1 is the most severe).",
                "The title is empty; describe the impact in a few words, e.g. \"Checkout returns 500s\".",
                "\"Shop_Prod\" is not a namespace name; use at most 63 lower case letters, digits and '-', starting and ending with a letter or digit.",
                "The impact cannot start in the future (2026-11-22 04:00 UTC).",
            ],
            outcome.Refusal!.Reasons);
    }

    [Fact]
    public async Task Declare_TitleOf200Characters_CountsWhatPeopleSee()
    {
        var emoji = string.Concat(Enumerable.Repeat("🔥", 200));

        var accepted = await _service.DeclareAsync(Declaration(title: emoji));
        var refused = await _service.DeclareAsync(Declaration(title: emoji + "é"));

        Assert.Equal(IncidentOutcomeStatus.Changed, accepted.Status);
        Assert.Equal("The title has 201 characters; the most is 200.", refused.Message);
    }

    [Fact]
    public async Task Declare_WithoutTheIncidentPermission_IsRefused()
    {
        var viewer = await _service.DeclareAsync(Declaration(by: Vic));
        var otherNamespace = await _service.DeclareAsync(Declaration(by: Dave, ns: "payments"));
        var ownNamespace = await _service.DeclareAsync(Declaration(by: Dave, ns: "shop"));

        Assert.Equal((IncidentRefusalKind.NotAllowed, "the person holds incident on shop"), (viewer.Refusal!.Kind, Assert.Single(viewer.Refusal.Reasons)));
        Assert.Equal("'Declare' is not possible: the person holds incident on payments.", otherNamespace.Message);
        Assert.Equal(IncidentOutcomeStatus.Changed, ownNamespace.Status);
    }

    [Fact]
    public async Task Declare_ACommanderWhoMayNotAct_IsRefused()
    {
        var outcome = await _service.DeclareAsync(Declaration(commander: Vic));

        Assert.Equal("vic does not hold the incident permission on shop; name a commander who can act on the incident.", outcome.Message);
    }

    [Fact]
    public async Task Steps_UnknownId_AreNotFound_AndAMalformedIdIsRefused()
    {
        var unknown = await _service.ChangeStatusAsync("inc-2026-0099", IncidentTrigger.Identify, Bob, null);
        var malformed = await _service.AddNoteAsync("checkout", Bob, "hello");

        Assert.Equal((IncidentOutcomeStatus.NotFound, "There is no incident INC-2026-0099."), (unknown.Status, unknown.Message));
        Assert.Equal(IncidentOutcomeStatus.Refused, malformed.Status);
        Assert.Equal("\"checkout\" is not an incident id; they look like INC-2026-0042.", malformed.Message);
        Assert.Null(await _service.GetAsync("checkout"));
    }

    [Fact]
    public async Task ChangeStatus_IdInAnyCase_FindsTheIncident()
    {
        var id = await _service.DeclareAsync();

        var outcome = await _service.ChangeStatusAsync(id.ToLowerInvariant(), IncidentTrigger.Investigate, Bob, null);

        Assert.Equal(IncidentOutcomeStatus.Changed, outcome.Status);
    }

    [Fact]
    public async Task ChangeStatus_ReasonOver500Characters_IsRefused()
    {
        var id = await _service.DeclareAsync();

        var outcome = await _service.ChangeStatusAsync(id, IncidentTrigger.Identify, Bob, new string('r', 501));

        Assert.Equal("The reason has 501 characters; the most is 500.", outcome.Message);
        Assert.Equal(1, (await _service.GetAsync(id))!.Version);
    }

    [Fact]
    public async Task Resolve_Sev1ByAResponder_IsARequestTheCommanderApproves()
    {
        var id = await _service.DeclareAsync("sev1");

        var asked = await _service.ResolveAsync(id, Bob, "quiet for 30 min");
        var approved = await _service.ApproveResolveAsync(id, Alice);

        Assert.IsType<ResolveRequested>(Assert.Single(asked.Added));
        Assert.Equal(IncidentState.Declared, asked.Incident!.State);
        Assert.Equal(IncidentState.Resolved, approved.Incident!.State);
        Assert.Equal(Bob, Assert.IsType<StatusChanged>(Assert.Single(approved.Added)).RequestedBy);
    }

    [Fact]
    public async Task Resolve_TwoPeopleAtOnce_OneResolvesAndTheOtherIsToldWhatHappened()
    {
        var store = new InterleavingIncidentStore();
        var service = Service(store);
        var id = await service.DeclareAsync("sev3");
        store.BeforeNextUpdate = async () => Assert.Equal(IncidentOutcomeStatus.Changed, (await service.ResolveAsync(id, Alice, "fixed by the rollback")).Status);

        var bob = await service.ResolveAsync(id, Bob, "error rate normal");

        Assert.Equal(IncidentOutcomeStatus.Conflict, bob.Status);
        Assert.Equal(IncidentRefusalKind.WrongState, bob.Refusal!.Kind);
        var alice = Assert.IsType<StatusChanged>(Assert.Single(bob.Added));
        Assert.Equal((Alice, IncidentState.Resolved), (alice.By, alice.To));
        Assert.StartsWith($"Someone changed {id} at the same time. The incident is already resolved.", bob.Message, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Resolved, bob.Incident!.State);
        Assert.Single((await service.GetAsync(id))!.Timeline, entry => entry is StatusChanged);
    }

    [Fact]
    public async Task Note_WhileSomeoneElseWrites_IsDecidedAgainAndKept()
    {
        var store = new InterleavingIncidentStore();
        var service = Service(store);
        var id = await service.DeclareAsync();
        store.BeforeNextUpdate = () => service.ChangeSeverityAsync(id, "sev2", Alice, null);

        var note = await service.AddNoteAsync(id, Bob, "checkout pods restart every 3 minutes");

        Assert.Equal(IncidentOutcomeStatus.Changed, note.Status);
        Assert.Equal(3, note.Incident!.Version);
        Assert.Equal(["declared", "severity", "note"], note.Incident.Timeline.Select(Kind));
    }

    [Fact]
    public async Task Resolve_ManyConcurrentPresses_ResolveOnce()
    {
        var id = await _service.DeclareAsync("sev3");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var people = new[] { Alice, Bob, Carol, Dave };
        var presses = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await _service.ResolveAsync(id, people[i % people.Length], null);
        })).ToList();

        go.SetResult();
        var outcomes = await Task.WhenAll(presses);

        Assert.Single(outcomes, outcome => outcome.Status == IncidentOutcomeStatus.Changed);
        Assert.All(
            outcomes.Where(outcome => outcome.Status != IncidentOutcomeStatus.Changed),
            outcome => Assert.True(outcome.Status is IncidentOutcomeStatus.Conflict or IncidentOutcomeStatus.Refused && outcome.Refusal!.Kind == IncidentRefusalKind.WrongState));
        var stored = await _service.GetAsync(id);
        Assert.Equal((IncidentState.Resolved, 2L), (stored!.State, stored.Version));
    }

    [Fact]
    public async Task Notes_ManyConcurrentWriters_LoseNone()
    {
        var id = await _service.DeclareAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => _service.AddNoteAsync(id, i % 2 == 0 ? Bob : Carol, $"note {i}"))));

        Assert.All(outcomes, outcome => Assert.Equal(IncidentOutcomeStatus.Changed, outcome.Status));
        var stored = await _service.GetAsync(id);
        Assert.Equal(30, stored!.Timeline.OfType<NoteAdded>().Count());
        Assert.Equal(31, stored.Version);
    }

    [Theory]
    [InlineData("SEV2", IncidentSeverity.Sev2)]
    [InlineData("sev-2", IncidentSeverity.Sev2)]
    [InlineData("4", IncidentSeverity.Sev4)]
    public async Task ChangeSeverity_AcceptsTheWaysPeopleWriteIt(string typed, IncidentSeverity expected)
    {
        var id = await _service.DeclareAsync("sev1");

        var outcome = await _service.ChangeSeverityAsync(id, typed, Bob, "contained to one region");

        Assert.Equal(expected, outcome.Incident!.Severity);
        Assert.False(outcome.Escalate);
    }

    [Fact]
    public async Task ChangeSeverity_UnknownSeverity_IsRefusedBeforeAnythingIsRead()
    {
        var outcome = await _service.ChangeSeverityAsync("INC-2026-0404", "sev9", Bob, null);

        Assert.Equal((IncidentOutcomeStatus.Refused, "\"sev9\" is not a severity; use sev1, sev2, sev3 or sev4 (sev1 is the most severe)."), (outcome.Status, outcome.Message));
    }

    [Fact]
    public async Task ChangeSeverity_RaisedToSev1_IsFlaggedForEscalation()
    {
        var id = await _service.DeclareAsync("sev3");

        var outcome = await _service.ChangeSeverityAsync(id, "sev1", Bob, "every region");

        Assert.True(outcome.Escalate);
    }

    [Fact]
    public void UnknownPerson_IsACleanRefusalTheHostAnswersWith()
    {
        var refusal = IncidentRefusal.UnknownPerson("@bobb");

        Assert.Equal(IncidentRefusalKind.UnknownPerson, refusal.Kind);
        Assert.Equal("I don't know who \"@bobb\" is. Mention them (@name) so the platform gives their id, or use platform:id (slack:U0123ABC).", refusal.Message);
    }

    [Fact]
    public async Task AssignRole_ThroughTheService_MentionsNobodyTwice()
    {
        var id = await _service.DeclareAsync();

        var given = await _service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Carol, Alice);
        var again = await _service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Carol with { Channel = "elsewhere" }, Bob);

        Assert.Equal(Carol, Assert.IsType<RoleAssigned>(Assert.Single(given.Added)).Person);
        Assert.Equal((IncidentOutcomeStatus.Refused, IncidentRefusalKind.InvalidInput), (again.Status, again.Refusal!.Kind));
        Assert.StartsWith("carol is already the communications lead.", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindByChannel_AfterAttachingIt_FindsTheIncident()
    {
        var id = await _service.DeclareAsync();

        var attached = await _service.AttachChannelAsync(id, new IncidentChannel("console", "inc-2026-0001"));
        var again = await _service.AttachChannelAsync(id, new IncidentChannel("console", "inc-2026-0001"));
        var thread = await _service.AttachChannelAsync(id, new IncidentChannel("teams", "19:ops@thread.tacv2", "1700000000000"));

        Assert.Equal(IncidentOutcomeStatus.Changed, attached.Status);
        Assert.Equal(IncidentOutcomeStatus.Unchanged, again.Status);
        Assert.Equal(IncidentOutcomeStatus.Changed, thread.Status);
        Assert.Equal(id, (await _service.FindByChannelAsync("console", "inc-2026-0001"))!.Id.ToString());
        Assert.Equal(id, (await _service.FindByChannelAsync("teams", "19:ops@thread.tacv2", "1700000000000"))!.Id.ToString());
        Assert.Null(await _service.FindByChannelAsync("teams", "19:ops@thread.tacv2"));
    }

    [Fact]
    public async Task List_Open_LeavesResolvedOnesOut()
    {
        var open = await _service.DeclareAsync("sev3");
        var resolved = await _service.DeclareAsync("sev3");
        await _service.ResolveAsync(resolved, Bob, null);

        var listed = await _service.ListAsync(IncidentQuery.Open);

        Assert.Equal([open], listed.Select(incident => incident.Id.ToString()));
    }

    private static string Kind(TimelineEntry entry) => entry switch
    {
        IncidentDeclared => "declared",
        SeverityChanged => "severity",
        NoteAdded => "note",
        _ => entry.GetType().Name,
    };
}
