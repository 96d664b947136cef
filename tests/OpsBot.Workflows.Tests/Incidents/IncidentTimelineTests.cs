using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Timeline;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>Notes, pinned messages and the facts the bot records: who may, when, and that nothing is recorded twice.</summary>
public sealed class IncidentTimelineTests
{
    private readonly ManualTimeProvider _clock = Clock();
    private readonly IncidentService _service;

    public IncidentTimelineTests() => _service = Service(clock: _clock);

    [Fact]
    public async Task AddNote_ByAResponder_IsOnTheTimeline()
    {
        var id = await _service.DeclareAsync();
        _clock.Advance(TimeSpan.FromMinutes(3));

        var outcome = await _service.AddNoteAsync(id, Bob, "  checkout pods restart every 3 minutes\n(OOMKilled)  ");

        var note = Assert.IsType<NoteAdded>(Assert.Single(outcome.Added));
        Assert.Equal((Start.AddMinutes(3), Bob, "checkout pods restart every 3 minutes\n(OOMKilled)"), (note.At, note.By, note.Text));
    }

    [Theory]
    [InlineData("", "The note is empty.")]
    [InlineData(null, "The note is empty.")]
    public async Task AddNote_Empty_IsRefused(string? text, string message)
    {
        var id = await _service.DeclareAsync();

        var outcome = await _service.AddNoteAsync(id, Bob, text);

        Assert.Equal((IncidentOutcomeStatus.Refused, message), (outcome.Status, outcome.Message));
    }

    [Fact]
    public async Task AddNote_Over3000Characters_OrByAViewer_OrOnAFinalRecord_IsRefused()
    {
        var id = await _service.DeclareAsync("sev3");
        var tooLong = await _service.AddNoteAsync(id, Bob, new string('n', 3001));
        var viewer = await _service.AddNoteAsync(id, Vic, "hello");
        await _service.ChangeStatusAsync(id, IncidentTrigger.Cancel, Bob, "test alert");
        var cancelled = await _service.AddNoteAsync(id, Bob, "hello");

        Assert.Equal("The note has 3001 characters; the most is 3000.", tooLong.Message);
        Assert.Equal("'AddNote' is not possible: the person holds incident on the namespace.", viewer.Message);
        Assert.Equal($"{id} is cancelled; its record is final.", cancelled.Message);
    }

    [Fact]
    public async Task PinMessage_Twice_IsRecordedOnce_WithTheMessagesTime()
    {
        var id = await _service.DeclareAsync();
        var message = new MessagePinned
        {
            At = Start.AddMinutes(-2),
            Platform = "slack",
            ChannelId = "C0INC",
            MessageId = "1700000000.000100",
            Author = "dave",
            Text = "p99 latency is back under 300 ms " + new string('!', 4000),
        };

        var first = await _service.PinMessageAsync(id, Bob, message);
        var again = await _service.PinMessageAsync(id, Carol, message);

        var pinned = Assert.IsType<MessagePinned>(Assert.Single(first.Added));
        Assert.Equal((Bob, "pin:slack:C0INC:1700000000.000100", 3000), (pinned.By, pinned.Key, IncidentText.Length(pinned.Text)));
        Assert.Equal(IncidentOutcomeStatus.Unchanged, again.Status);
        Assert.Equal([typeof(MessagePinned), typeof(IncidentDeclared)], first.Incident!.OrderedTimeline.Select(entry => entry.GetType()));
    }

    [Fact]
    public async Task RecordTimeline_FactsOfTheBot_AreKeptInAnyState_AndKeysDeduplicate()
    {
        var id = await _service.DeclareAsync("sev3");
        await _service.ChangeStatusAsync(id, IncidentTrigger.Cancel, Bob, "test alert");
        var run = new CommandRun { At = Start, By = Bob, Command = "/k8s pods -n shop " + new string('x', 400), Result = "12 pods,\n3 not ready", Key = "command:1" };

        var recorded = await _service.RecordTimelineAsync(id, run);
        var again = await _service.RecordTimelineAsync(id, run);

        var entry = Assert.IsType<CommandRun>(Assert.Single(recorded.Added));
        Assert.Equal(300, IncidentText.Length(entry.Command));
        Assert.Equal("12 pods, 3 not ready", entry.Result);
        Assert.Equal(IncidentOutcomeStatus.Unchanged, again.Status);
    }

    [Fact]
    public async Task RecordTimeline_EntriesWithTheirOwnStep_AreAProgrammingError()
    {
        var id = await _service.DeclareAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => _service.RecordTimelineAsync(id, new NoteAdded { At = Start, Text = "x" }));
    }

    [Fact]
    public async Task RootCause_KeepsAtMost20EvidenceLines()
    {
        var id = await _service.DeclareAsync();

        var outcome = await _service.RecordTimelineAsync(id, new RootCauseFound
        {
            At = Start,
            Summary = "checkout runs out of memory",
            Target = "deployment/checkout",
            Evidence = [.. Enumerable.Range(0, 30).Select(i => $"checkout-{i}: OOMKilled")],
        });

        Assert.Equal(20, Assert.IsType<RootCauseFound>(Assert.Single(outcome.Added)).Evidence.Count);
    }

    [Fact]
    public async Task LinkWorkflow_AndItsSteps_AreOnTheTimelineOnce()
    {
        var id = await _service.DeclareAsync();
        var workflow = new ActionWorkflow
        {
            Id = "k3x9m2p7qa",
            Kind = "rollback",
            Cluster = "sim",
            Namespace = "shop",
            Target = "deployment/frontend",
            RequestedBy = Bob,
            CreatedAt = Start,
            Rule = new Workflows.Approvals.ApprovalRule(1, false, TimeSpan.FromMinutes(15), "none", true),
            CommandText = "/rollback deploy/frontend",
            Summary = "Roll back deployment/frontend from revision 5 to revision 4",
            Risk = "Medium",
        };
        var approved = new WorkflowEvent(Start.AddMinutes(2), ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved, ActionWorkflowTrigger.Approve, Carol, null);
        FieldChange[] diff = [new("image", "shop/frontend:v5", "shop/frontend:v4")];

        var linked = await _service.LinkWorkflowAsync(id, workflow);
        var linkedAgain = await _service.LinkWorkflowAsync(id, workflow);
        var step = await _service.RecordTimelineAsync(id, WorkflowStep.Of(workflow, approved, diff));
        var stepAgain = await _service.RecordTimelineAsync(id, WorkflowStep.Of(workflow, approved, diff));

        Assert.Equal("Action requested (k3x9m2p7qa): Roll back deployment/frontend from revision 5 to revision 4", Assert.Single(linked.Added).Describe());
        Assert.Equal(IncidentOutcomeStatus.Unchanged, linkedAgain.Status);
        var recorded = Assert.IsType<WorkflowStep>(Assert.Single(step.Added));
        Assert.Equal((Carol, ActionWorkflowState.Approved, "image: shop/frontend:v5 → shop/frontend:v4"), (recorded.By, recorded.State, recorded.Changes[0].ToString()));
        Assert.Equal(IncidentOutcomeStatus.Unchanged, stepAgain.Status);
        Assert.Equal("k3x9m2p7qa", Assert.Single(step.Incident!.Workflows).WorkflowId);
    }

    [Fact]
    public async Task AttachPostmortem_OnlyOnceResolved_ThenCloseIsPossible()
    {
        var id = await _service.DeclareAsync("sev3");
        var early = await _service.AttachPostmortemAsync(id, Alice, null);
        var closeEarly = await _service.CloseAsync(id, Alice);
        await _service.ResolveAsync(id, Bob, null);
        var closeWithout = await _service.CloseAsync(id, Alice);
        var viewer = await _service.AttachPostmortemAsync(id, Vic, null);
        var written = await _service.AttachPostmortemAsync(id, Alice, "/api/incidents/INC-2026-0001/postmortem.md");
        var closed = await _service.CloseAsync(id, Carol);

        Assert.StartsWith($"A postmortem is written once the incident is resolved; {id} is declared.", early.Message, StringComparison.Ordinal);
        Assert.Equal(IncidentRefusalKind.WrongState, closeEarly.Refusal!.Kind);
        Assert.Equal(["a postmortem exists (/incident postmortem)"], closeWithout.Refusal!.Reasons);
        Assert.Equal(IncidentOutcomeStatus.Refused, viewer.Status);
        Assert.Equal("Postmortem drafted: /api/incidents/INC-2026-0001/postmortem.md", Assert.Single(written.Added).Describe());
        Assert.Equal(IncidentState.Closed, closed.Incident!.State);
    }
}
