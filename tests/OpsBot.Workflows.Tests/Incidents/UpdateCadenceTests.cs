using OpsBot.Testing;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>When updates are due and overdue, and the reminders that follow, computed from the incident alone.</summary>
public sealed class UpdateCadenceTests
{
    private static readonly IncidentOptions Defaults = new();

    public static TheoryData<IncidentSeverity, int?, int?> DefaultTable() => new()
    {
        { IncidentSeverity.Sev1, 30, 45 },
        { IncidentSeverity.Sev2, 60, 90 },
        { IncidentSeverity.Sev3, 240, 360 },
        { IncidentSeverity.Sev4, null, null },
    };

    [Theory]
    [MemberData(nameof(DefaultTable))]
    public void Plan_FreshIncident_FollowsTheDefaultCadenceTable(IncidentSeverity severity, int? dueMinutes, int? overdueMinutes)
    {
        var plan = UpdateCadence.Plan(InState(IncidentState.Investigating, severity), Defaults);

        Assert.Equal(dueMinutes is null ? null : Start.AddMinutes(dueMinutes.Value), plan.DueAt);
        Assert.Equal(overdueMinutes is null ? null : Start.AddMinutes(overdueMinutes.Value), plan.OverdueAt);
        Assert.Equal(dueMinutes is not null, plan.ExpectsUpdates);
    }

    [Fact]
    public void Plan_ConfiguredCadence_IsUsed()
    {
        var options = new IncidentOptions();
        options.UpdateCadence["sev4"] = "08:00:00";
        options.UpdateCadence["SEV1"] = "00:15:00";

        Assert.Equal(Start.AddHours(8), UpdateCadence.Plan(InState(IncidentState.Declared, IncidentSeverity.Sev4), options).DueAt);
        Assert.Equal(Start.AddMinutes(15), UpdateCadence.Plan(InState(IncidentState.Declared, IncidentSeverity.Sev1), options).DueAt);
    }

    [Fact]
    public void Plan_CountsFromTheLastReleasedUpdate_NotFromDrafts()
    {
        var incident = InState(IncidentState.Identified, IncidentSeverity.Sev1);
        incident.Updates.Add(Update(1, approvedAt: Start.AddMinutes(25)));
        incident.Updates.Add(Update(2, approvedAt: null));

        var plan = UpdateCadence.Plan(incident, Defaults);

        Assert.Equal((Start.AddMinutes(55), Start.AddMinutes(70)), (plan.DueAt, plan.OverdueAt));
    }

    [Theory]
    [InlineData(IncidentState.Resolved)]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.Cancelled)]
    public void Plan_OnceNoLongerOpen_ExpectsNothing(IncidentState state)
    {
        Assert.Equal(CadencePlan.None, UpdateCadence.Plan(InState(state, IncidentSeverity.Sev1), Defaults));
    }

    [Fact]
    public async Task Plan_RaisedToSev1AfterTheNewIntervalPassed_IsDueAtTheChange_NotOverdue()
    {
        var (service, clock, id) = await DeclaredAsync("sev2");
        clock.Advance(TimeSpan.FromMinutes(50));

        var raised = await service.ChangeSeverityAsync(id, "sev1", Bob, "every region");

        var plan = service.PlanOf(raised.Incident!);
        Assert.Equal((Start.AddMinutes(50), Start.AddMinutes(65)), (plan.DueAt, plan.OverdueAt));
    }

    [Fact]
    public async Task Plan_RaisedEarly_KeepsTheSoonerDueTimeOfTheNewInterval()
    {
        var (service, clock, id) = await DeclaredAsync("sev2");
        clock.Advance(TimeSpan.FromMinutes(10));

        var raised = await service.ChangeSeverityAsync(id, "sev1", Bob, null);

        Assert.Equal(Start.AddMinutes(30), service.PlanOf(raised.Incident!).DueAt);
    }

    [Fact]
    public async Task Plan_Lowered_GivesTheLongerInterval()
    {
        var (service, clock, id) = await DeclaredAsync("sev1");
        clock.Advance(TimeSpan.FromMinutes(20));

        var lowered = await service.ChangeSeverityAsync(id, "sev3", Bob, "one region only");

        Assert.Equal(Start.AddHours(4), service.PlanOf(lowered.Incident!).DueAt);
    }

    [Fact]
    public async Task Plan_Reopened_IsDueAtTheReopen()
    {
        var (service, clock, id) = await DeclaredAsync("sev1");
        await service.ResolveAsync(id, Alice, null);
        clock.Advance(TimeSpan.FromHours(2));

        var reopened = await service.ChangeStatusAsync(id, IncidentTrigger.Reopen, Bob, "errors are back");

        var plan = service.PlanOf(reopened.Incident!);
        Assert.Equal((Start.AddHours(2), Start.AddHours(2).AddMinutes(15)), (plan.DueAt, plan.OverdueAt));
    }

    [Fact]
    public void DueReminders_WalkThroughTheInterval()
    {
        var incident = InState(IncidentState.Investigating, IncidentSeverity.Sev1);

        Assert.Empty(UpdateCadence.DueReminders(incident, Defaults, Start.AddMinutes(29)));
        Assert.Equal(Start.AddMinutes(30), UpdateCadence.NextCheckAt(incident, Defaults));

        var due = UpdateCadence.DueReminders(incident, Defaults, Start.AddMinutes(30));
        Assert.Equal([new DueReminder(ReminderKind.UpdateDue, Start.AddMinutes(30))], due);
        incident.Reminders.Add(new ReminderRecord(ReminderKind.UpdateDue, Start.AddMinutes(30), Start.AddMinutes(30)));

        Assert.Empty(UpdateCadence.DueReminders(incident, Defaults, Start.AddMinutes(44)));
        Assert.Equal(Start.AddMinutes(45), UpdateCadence.NextCheckAt(incident, Defaults));

        var overdue = UpdateCadence.DueReminders(incident, Defaults, Start.AddMinutes(45));
        Assert.Equal([new DueReminder(ReminderKind.UpdateOverdue, Start.AddMinutes(30))], overdue);
        incident.Reminders.Add(new ReminderRecord(ReminderKind.UpdateOverdue, Start.AddMinutes(30), Start.AddMinutes(45)));

        Assert.Empty(UpdateCadence.DueReminders(incident, Defaults, Start.AddHours(3)));
        Assert.Null(UpdateCadence.NextCheckAt(incident, Defaults));
    }

    [Fact]
    public void DueReminders_FirstLookPastOverdue_SendsOnlyTheEscalation_AndNoReminderAfterIt()
    {
        var incident = InState(IncidentState.Investigating, IncidentSeverity.Sev1);

        var late = UpdateCadence.DueReminders(incident, Defaults, Start.AddMinutes(50));
        incident.Reminders.Add(new ReminderRecord(ReminderKind.UpdateOverdue, Start.AddMinutes(30), Start.AddMinutes(50)));

        Assert.Equal([new DueReminder(ReminderKind.UpdateOverdue, Start.AddMinutes(30))], late);
        Assert.Empty(UpdateCadence.DueReminders(incident, Defaults, Start.AddMinutes(51)));
    }

    [Fact]
    public async Task TakeDueReminders_FiringTwiceOrAfterARestart_SendsEachOnce()
    {
        var store = new InMemoryIncidentStore();
        var clock = Clock();
        var service = Service(store, clock: clock);
        var id = await service.DeclareAsync("sev1");

        var early = await service.TakeDueRemindersAsync(id);
        clock.Advance(TimeSpan.FromMinutes(30));
        var due = await service.TakeDueRemindersAsync(id);
        var again = await service.TakeDueRemindersAsync(id);
        var afterRestart = await Service(store, clock: clock).TakeDueRemindersAsync(id);
        clock.Advance(TimeSpan.FromMinutes(15));
        var overdue = await Service(store, clock: clock).TakeDueRemindersAsync(id);

        Assert.Equal((IncidentOutcomeStatus.Unchanged, 0), (early.Status, early.Reminders.Count));
        Assert.Equal([new DueReminder(ReminderKind.UpdateDue, Start.AddMinutes(30))], due.Reminders);
        Assert.Equal("Reminder: a stakeholder update is due (03:30 UTC)", Assert.IsType<ReminderSent>(Assert.Single(due.Added)).Describe());
        Assert.Equal((IncidentOutcomeStatus.Unchanged, 0), (again.Status, again.Reminders.Count));
        Assert.Equal((IncidentOutcomeStatus.Unchanged, 0), (afterRestart.Status, afterRestart.Reminders.Count));
        Assert.Equal([new DueReminder(ReminderKind.UpdateOverdue, Start.AddMinutes(30))], overdue.Reminders);
        Assert.Null((await store.GetAsync(id))!.NextReminderAt);
    }

    [Fact]
    public async Task TakeDueReminders_ManyJobsAtOnce_OneTakesThem()
    {
        var store = new InMemoryIncidentStore();
        var clock = Clock();
        var id = await Service(store, clock: clock).DeclareAsync("sev2");
        clock.Advance(TimeSpan.FromHours(1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Service(store, clock: clock).TakeDueRemindersAsync(id))));

        var taker = Assert.Single(outcomes, outcome => outcome.Reminders.Count > 0);
        Assert.Equal(ReminderKind.UpdateDue, Assert.Single(taker.Reminders).Kind);
        Assert.All(outcomes.Where(outcome => outcome != taker), outcome => Assert.Equal(IncidentOutcomeStatus.Unchanged, outcome.Status));
    }

    [Fact]
    public async Task TakeDueReminders_AfterResolve_TakesNone_AndAfterAnUpdateTheClockRestarts()
    {
        var (service, clock, id) = await DeclaredAsync("sev1");
        await service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Carol, Alice);
        clock.Advance(TimeSpan.FromMinutes(25));
        await service.DraftUpdateAsync(id, Carol, "We are investigating.");
        await service.ApproveUpdateAsync(id, 1, Alice);
        clock.Advance(TimeSpan.FromMinutes(10));

        var notYet = await service.TakeDueRemindersAsync(id);
        await service.ResolveAsync(id, Alice, null);
        clock.Advance(TimeSpan.FromHours(5));
        var resolved = await service.TakeDueRemindersAsync(id);

        Assert.Empty(notYet.Reminders);
        Assert.Empty(resolved.Reminders);
        Assert.Null(service.NextReminderAt((await service.GetAsync(id))!));
    }

    [Fact]
    public async Task TakeDueReminders_SeverityRaised_PlansNewReminders()
    {
        var (service, clock, id) = await DeclaredAsync("sev2");
        clock.Advance(TimeSpan.FromHours(1));
        await service.TakeDueRemindersAsync(id);
        clock.Advance(TimeSpan.FromMinutes(5));

        await service.ChangeSeverityAsync(id, "sev1", Bob, null);
        var afterRaise = await service.TakeDueRemindersAsync(id);

        Assert.Equal([new DueReminder(ReminderKind.UpdateDue, Start.AddMinutes(65))], afterRaise.Reminders);
    }

    private static async Task<(IncidentService Service, ManualTimeProvider Clock, string Id)> DeclaredAsync(string severity)
    {
        var clock = Clock();
        var service = Service(clock: clock);
        return (service, clock, await service.DeclareAsync(severity));
    }

    private static StakeholderUpdate Update(int number, DateTimeOffset? approvedAt) => new()
    {
        Number = number,
        Text = "words",
        Author = Bob,
        DraftedAt = Start,
        Approval = UpdateApprovalMode.OtherResponder,
        Status = approvedAt is null ? UpdateStatus.Draft : UpdateStatus.Sent,
        ApprovedBy = approvedAt is null ? null : Alice,
        ApprovedAt = approvedAt,
    };
}
