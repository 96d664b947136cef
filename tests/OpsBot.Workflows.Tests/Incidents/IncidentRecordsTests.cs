using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>An incident survives the store: every field, every kind of timeline entry, updates and their deliveries.</summary>
public sealed class IncidentRecordsTests
{
    [Fact]
    public void RoundTrip_KeepsEverything()
    {
        var incident = Everything();

        var record = IncidentRecords.ToRecord(incident, Start.AddMinutes(30));
        var again = IncidentRecords.FromRecord(record);

        Assert.Equal(("INC-2026-0001", 2026, 1, "Monitoring", "Sev1", "slack:U0ALICE"), (record.Id, record.Year, record.Number, record.State, record.Severity, record.Commander));
        Assert.Equal(["slack:C0INC1", "slack:C0ALERTS/1700000000.000100"], record.ChannelKeys);
        Assert.Equal(Start.AddMinutes(30), record.NextReminderAt);
        Assert.Equal(record with { ChannelKeys = [] }, IncidentRecords.ToRecord(again, Start.AddMinutes(30)) with { ChannelKeys = [] });
        Assert.Equal(incident.Timeline.Select(entry => entry.Describe()), again.Timeline.Select(entry => entry.Describe()));
        Assert.Equal(incident.Timeline.Select(entry => entry.GetType()), again.Timeline.Select(entry => entry.GetType()));
        Assert.Equal((Carol, Dave, Bob), (again.CommunicationsLead, again.Scribe, again.PendingResolve!.By));
        var update = Assert.Single(again.Updates);
        Assert.Equal((UpdateStatus.Approved, UpdateApprovalMode.Commander, DeliveryState.Sending, "replica-a"), (update.Status, update.Approval, update.Deliveries[0].State, update.Deliveries[0].ClaimedBy));
        Assert.Equal(new FieldChange("resources.limits.memory", "256Mi", "512Mi"), Assert.IsType<WorkflowStep>(again.Timeline.Single(entry => entry is WorkflowStep)).Changes[0]);
    }

    [Fact]
    public void RoundTrip_CoversEveryKindOfTimelineEntry()
    {
        var kinds = typeof(TimelineEntry).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(TimelineEntry)) && !type.IsAbstract).ToHashSet();

        Assert.Equal(kinds.OrderBy(type => type.Name), Everything().Timeline.Select(entry => entry.GetType()).Distinct().OrderBy(type => type.Name));
    }

    [Theory]
    [InlineData("Active", "Sev1", "{}", "Incident INC-2026-0001 is in an unknown state \"Active\".")]
    [InlineData("Escalated", "Sev1", "{}", "Incident INC-2026-0001 is in an unknown state \"Escalated\".")]
    [InlineData("Declared", "Sev9", "{}", "Incident INC-2026-0001 has an unknown severity \"Sev9\".")]
    [InlineData("Declared", "Sev1", "null", "Incident INC-2026-0001 has no data.")]
    public void FromRecord_WhatThisVersionDoesNotUnderstand_IsInvalidData(string state, string severity, string data, string message)
    {
        var record = IncidentRecords.ToRecord(InState(IncidentState.Declared)) with { State = state, Severity = severity, Data = data };

        var error = Assert.Throws<InvalidDataException>(() => IncidentRecords.FromRecord(record));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void FromRecord_AnUnknownTimelineEntry_IsInvalidData()
    {
        var record = IncidentRecords.ToRecord(InState(IncidentState.Declared));
        var data = record.Data.Replace("\"timeline\":[]", "\"timeline\":[{\"type\":\"telepathy\",\"at\":\"2026-11-22T03:00:00+00:00\"}]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => IncidentRecords.FromRecord(record with { Data = data }));

        Assert.StartsWith("Incident INC-2026-0001 has unreadable data:", error.Message, StringComparison.Ordinal);
    }

    private static Incident Everything()
    {
        var incident = InState(IncidentState.Monitoring, IncidentSeverity.Sev1);
        incident.CommunicationsLead = Carol;
        incident.Scribe = Dave;
        incident.AcknowledgedAt = Start.AddMinutes(2);
        incident.IdentifiedAt = Start.AddMinutes(9);
        incident.MitigatedAt = Start.AddMinutes(20);
        incident.CadenceRestartedAt = Start.AddMinutes(5);
        incident.PendingResolve = new ResolveRequest(Bob, Start.AddMinutes(40), "quiet");
        incident.Postmortem = new PostmortemRecord(Alice, Start.AddHours(2), "/api/incidents/INC-2026-0001/postmortem.md");
        incident.Channels.Add(new IncidentChannel("slack", "C0INC1"));
        incident.Channels.Add(new IncidentChannel("slack", "C0ALERTS", "1700000000.000100"));
        incident.Workflows.Add(new LinkedWorkflow("k3x9m2p7qa", "set-resources", "deployment/checkout", "Raise memory", Start.AddMinutes(12)));
        incident.Reminders.Add(new ReminderRecord(ReminderKind.UpdateDue, Start.AddMinutes(30), Start.AddMinutes(30)));
        incident.Updates.Add(new StakeholderUpdate
        {
            Number = 1,
            Text = "We rolled back.\nError rate is normal.",
            Author = Carol,
            DraftedAt = Start.AddMinutes(25),
            Composed = true,
            Approval = UpdateApprovalMode.Commander,
            Status = UpdateStatus.Approved,
            EditedBy = [Alice],
            ApprovedBy = Alice,
            ApprovedAt = Start.AddMinutes(26),
            Deliveries = [new UpdateDelivery { Channel = "slack:C0STATUS", State = DeliveryState.Sending, ClaimedBy = "replica-a", ClaimedUntil = Start.AddMinutes(27), Attempts = 1 }],
        });
        var t = Start;
        incident.Timeline.AddRange(
        [
            new IncidentDeclared { At = t, By = Alice, Title = incident.Title, Severity = IncidentSeverity.Sev1, Commander = Alice },
            new StatusChanged { At = t, By = Bob, From = IncidentState.Declared, To = IncidentState.Investigating, Trigger = IncidentTrigger.Investigate, Reason = "on it" },
            new SeverityChanged { At = t, By = Bob, From = IncidentSeverity.Sev2, To = IncidentSeverity.Sev1, Escalate = true },
            new RoleAssigned { At = t, By = Alice, Role = IncidentRole.CommunicationsLead, Person = Carol },
            new ResolveRequested { At = t, By = Bob, Reason = "quiet" },
            new ResolveDeclined { At = t, By = Alice, Requester = Bob },
            new CommandRun { At = t, By = Bob, Command = "/k8s pods -n shop", Result = "3 not ready", Key = "cmd-1" },
            new RootCauseFound { At = t, Summary = "checkout runs out of memory", Target = "deployment/checkout", Evidence = ["checkout-1: OOMKilled"] },
            new WorkflowLinked { At = t, By = Carol, WorkflowId = "k3x9m2p7qa", Kind = "set-resources", Target = "deployment/checkout", Summary = "Raise memory" },
            new WorkflowStep
            {
                At = t, By = Bob, WorkflowId = "k3x9m2p7qa", Kind = "set-resources", Target = "deployment/checkout", Summary = "Raise memory",
                Trigger = ActionWorkflowTrigger.Approve, State = ActionWorkflowState.Approved, Changes = [new FieldChange("resources.limits.memory", "256Mi", "512Mi")],
            },
            new UpdateDrafted { At = t, By = Carol, Number = 1, Composed = true },
            new UpdateEdited { At = t, By = Alice, Number = 1 },
            new UpdateApproved { At = t, By = Alice, Number = 1 },
            new UpdateSent { At = t, Number = 1, Channel = "slack:C0STATUS" },
            new UpdateDiscarded { At = t, By = Carol, Number = 2, Reason = "superseded" },
            new NoteAdded { At = t, By = Dave, Text = "multi\nline" },
            new MessagePinned { At = t, By = Dave, Platform = "slack", ChannelId = "C0INC1", MessageId = "1700.1", Author = "bob", Text = "it's the cache", Link = "https://example.slack.com/archives/C0INC1/p17001" },
            new ReminderSent { At = t, Kind = ReminderKind.UpdateOverdue, DueAt = t.AddMinutes(30) },
            new PostmortemWritten { At = t, By = Alice, Location = "/api/incidents/INC-2026-0001/postmortem.md" },
            new ChannelAttached { At = t, Channel = new IncidentChannel("console", "inc-2026-0001") },
        ]);
        return incident;
    }
}
