using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>
/// Stakeholder updates: drafts, the approval rule of each mode, edits and discards, and the per-channel deliveries
/// that make each channel get each approved update once. Alice commands; carol is the comms lead once assigned.
/// </summary>
public sealed class StakeholderUpdateTests
{
    private readonly ManualTimeProvider _clock = Clock();
    private readonly IncidentOptions _options = new()
    {
        StakeholderChannels = ["slack:C0STATUS", "console:status"],
        Severities = new(StringComparer.OrdinalIgnoreCase) { ["sev1"] = new IncidentSeverityOptions { StakeholderChannels = ["slack:C0STATUS", "slack:C0EXEC"] } },
    };

    private readonly IncidentService _service;

    public StakeholderUpdateTests() => _service = Service(new InMemoryIncidentStore(), options: _options, clock: _clock);

    private async Task<string> DeclaredWithCommsLeadAsync(string severity = "sev2")
    {
        var id = await _service.DeclareAsync(severity);
        await _service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Carol, Alice);
        return id;
    }

    [Fact]
    public async Task Draft_WithText_IsStoredAsADraftUnderTheRuleConfiguredNow()
    {
        var id = await DeclaredWithCommsLeadAsync();

        var outcome = await _service.DraftUpdateAsync(id, Bob, "  We are investigating errors at checkout.\r\nNext update in 1 h.  ");

        var update = Assert.Single(outcome.Incident!.Updates);
        Assert.Equal((1, UpdateStatus.Draft, Bob, UpdateApprovalMode.OtherResponder, false), (update.Number, update.Status, update.Author, update.Approval, update.Composed));
        Assert.Equal("We are investigating errors at checkout.\nNext update in 1 h.", update.Text);
        Assert.Equal("Update #1 drafted", Assert.IsType<UpdateDrafted>(Assert.Single(outcome.Added)).Describe());
    }

    [Fact]
    public async Task Draft_Over3000Characters_IsRefused_AndExactly3000IsKept()
    {
        var id = await DeclaredWithCommsLeadAsync();

        var tooLong = await _service.DraftUpdateAsync(id, Bob, new string('a', 3001));
        var longest = await _service.DraftUpdateAsync(id, Bob, new string('a', 3000));

        Assert.Equal((IncidentOutcomeStatus.Refused, "The update has 3001 characters; the most is 3000."), (tooLong.Status, tooLong.Message));
        Assert.Equal(IncidentOutcomeStatus.Changed, longest.Status);
        Assert.Equal(1, Assert.Single(longest.Incident!.Updates).Number);
    }

    [Fact]
    public async Task Draft_WithoutText_IsWrittenFromTheIncident()
    {
        var id = await DeclaredWithCommsLeadAsync("sev1");
        await _service.ChangeStatusAsync(id, IncidentTrigger.Identify, Bob, null);
        await _service.RecordTimelineAsync(id, new RootCauseFound { At = Start, Summary = "the checkout service runs out of memory under load", Target = "deployment/checkout", Evidence = ["checkout-7d9f: OOMKilled"] });
        var workflow = Workflow();
        await _service.RecordTimelineAsync(id, WorkflowStep.Of(workflow, new WorkflowEvent(Start.AddMinutes(1), ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved, ActionWorkflowTrigger.Approve, Bob, null), []));
        await _service.RecordTimelineAsync(id, WorkflowStep.Of(workflow, new WorkflowEvent(Start.AddMinutes(3), ActionWorkflowState.Verifying, ActionWorkflowState.Succeeded, ActionWorkflowTrigger.Verified, null, "3/3 pods ready, no restarts"), []));

        var outcome = await _service.DraftUpdateAsync(id, Carol, "   ");

        var update = Assert.Single(outcome.Incident!.Updates);
        Assert.True(update.Composed);
        Assert.Equal(
            """
            SEV1 — Checkout returns 500s
            Status: we have found the cause and are working on a fix.
            What we know: the checkout service runs out of memory under load.
            What we did:
            • Raise the memory limit of deployment/checkout from 256Mi to 512Mi: done and verified (3/3 pods ready, no restarts).
            Next update by 03:30 UTC.
            """.ReplaceLineEndings("\n"),
            update.Text);
        Assert.DoesNotContain("OOMKilled", update.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_ByAViewer_OrOnAClosedIncident_IsRefused()
    {
        var id = await DeclaredWithCommsLeadAsync("sev3");
        var viewer = await _service.DraftUpdateAsync(id, Vic, "hello");
        await _service.ResolveAsync(id, Alice, null);
        await _service.AttachPostmortemAsync(id, Alice, null);
        await _service.CloseAsync(id, Alice);

        var closed = await _service.DraftUpdateAsync(id, Alice, "hello");

        Assert.Equal("'DraftUpdate' is not possible: the person holds incident on the namespace.", viewer.Message);
        Assert.Equal($"{id} is closed; its record is final.", closed.Message);
    }

    [Fact]
    public async Task OtherResponder_TheCommsLeadApprovesSomeoneElsesDraft_NotTheirOwn()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "Bob's words");
        await _service.DraftUpdateAsync(id, Carol, "Carol's words");

        var own = await _service.ApproveUpdateAsync(id, 2, Carol);
        var bobs = await _service.ApproveUpdateAsync(id, 1, Carol);

        Assert.Equal(["the approver is not the update's author (carol)"], own.Refusal!.Reasons);
        Assert.Equal(IncidentOutcomeStatus.Changed, bobs.Status);
        Assert.Equal((UpdateStatus.Approved, Carol, Start), (bobs.Incident!.Update(1)!.Status, bobs.Incident.Update(1)!.ApprovedBy, bobs.Incident.Update(1)!.ApprovedAt));
    }

    [Fact]
    public async Task OtherResponder_TheCommanderApprovesTheCommsLeadsDraft()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Carol, "Carol's words");

        var outcome = await _service.ApproveUpdateAsync(id, 1, Alice);

        Assert.Equal(IncidentOutcomeStatus.Changed, outcome.Status);
    }

    [Fact]
    public async Task OtherResponder_AResponderWithoutARole_IsRefusedNamingWhoMay()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Carol, "Carol's words");

        var outcome = await _service.ApproveUpdateAsync(id, 1, Bob);

        Assert.Equal("'ApproveUpdate' is not possible: the approver is the commander (alice) or the communications lead (carol).", outcome.Message);
        Assert.Equal(
            "the commander (alice) or the communications lead (carol), not its author (carol)",
            UpdateApprovalRules.WhoMayApprove(outcome.Incident!, outcome.Incident!.Update(1)!));
    }

    [Fact]
    public async Task OtherResponder_TheCommandersOwnDraftWithoutACommsLead_SaysToAssignOne()
    {
        var id = await _service.DeclareAsync("sev2");
        await _service.DraftUpdateAsync(id, Alice, "Alice's words");

        var stuck = await _service.ApproveUpdateAsync(id, 1, Alice);
        await _service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Bob, Alice);
        var unstuck = await _service.ApproveUpdateAsync(id, 1, Bob);

        Assert.Equal(
            ["the approver is not the update's author (alice) — the commander wrote it and there is no communications lead: assign one (/incident role comms @name) to approve it"],
            stuck.Refusal!.Reasons);
        Assert.Equal(IncidentOutcomeStatus.Changed, unstuck.Status);
    }

    [Fact]
    public async Task OtherResponder_TheCommanderWhoEditedADraft_MayStillApproveIt()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "Bob's wrods");
        await _service.EditUpdateAsync(id, 1, Alice, "Bob's words");

        var outcome = await _service.ApproveUpdateAsync(id, 1, Alice);

        Assert.Equal(IncidentOutcomeStatus.Changed, outcome.Status);
        Assert.Equal([Alice], outcome.Incident!.Update(1)!.EditedBy);
    }

    [Fact]
    public async Task CommanderMode_OnlyTheCommanderApproves_TheirOwnDraftToo()
    {
        _options.UpdateApproval = "commander";
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Alice, "Alice's words");
        await _service.DraftUpdateAsync(id, Bob, "Bob's words");

        var byCommsLead = await _service.ApproveUpdateAsync(id, 2, Carol);
        var own = await _service.ApproveUpdateAsync(id, 1, Alice);

        Assert.Equal(["the approver is the commander (alice)"], byCommsLead.Refusal!.Reasons);
        Assert.Equal(IncidentOutcomeStatus.Changed, own.Status);
    }

    [Fact]
    public async Task NoneMode_TheAuthorSendsTheirOwn_ButAViewerStillCannot()
    {
        _options.UpdateApproval = "none";
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "Bob's words");
        await _service.DraftUpdateAsync(id, Bob, "Bob's other words");

        var viewer = await _service.ApproveUpdateAsync(id, 1, Vic);
        var own = await _service.ApproveUpdateAsync(id, 1, Bob);

        Assert.Equal(["the approver holds incident on the namespace"], viewer.Refusal!.Reasons);
        Assert.Equal(IncidentOutcomeStatus.Changed, own.Status);
        Assert.Equal("anyone with the incident permission", UpdateApprovalRules.WhoMayApprove(own.Incident!, own.Incident!.Update(1)!));
    }

    [Fact]
    public async Task Approval_RuleIsFixedWhenDrafted_AConfigurationChangeDoesNotMoveIt()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Carol, "Carol's words");
        _options.UpdateApproval = "none";

        var own = await _service.ApproveUpdateAsync(id, 1, Carol);

        Assert.Equal(IncidentOutcomeStatus.Refused, own.Status);
        Assert.Equal(UpdateApprovalMode.OtherResponder, own.Incident!.Update(1)!.Approval);
    }

    [Fact]
    public async Task Approve_Twice_IsRefused_AndAnUnknownNumberToo()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "Bob's words");
        await _service.ApproveUpdateAsync(id, 1, Alice);

        var twice = await _service.ApproveUpdateAsync(id, 1, Carol);
        var unknown = await _service.ApproveUpdateAsync(id, 7, Carol);

        Assert.Equal("Update #1 is approved already; only a draft can be changed.", twice.Message);
        Assert.Equal($"{id} has no update #7.", unknown.Message);
    }

    [Fact]
    public async Task Approve_ADraftOlderThanAReleasedUpdate_IsRefused()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "older");
        await _service.DraftUpdateAsync(id, Bob, "newer");
        await _service.ApproveUpdateAsync(id, 2, Alice);

        var older = await _service.ApproveUpdateAsync(id, 1, Alice);

        Assert.Equal("Update #2 went out after update #1 was drafted; draft a new one instead.", older.Message);
    }

    [Fact]
    public async Task Approve_TwoApproversAtOnce_ApproveOnce()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "Bob's words");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _service.ApproveUpdateAsync(id, 1, i % 2 == 0 ? Alice : Carol))));

        Assert.Single(outcomes, outcome => outcome.Status == IncidentOutcomeStatus.Changed);
        Assert.Single((await _service.GetAsync(id))!.Timeline.OfType<UpdateApproved>());
    }

    [Fact]
    public async Task Approve_DeliversToTheSeveritysChannels_EachOnce()
    {
        var sev1 = await DeclaredWithCommsLeadAsync("sev1");
        var sev2 = await DeclaredWithCommsLeadAsync("sev2");
        foreach (var id in new[] { sev1, sev2 })
        {
            await _service.DraftUpdateAsync(id, Bob, "words");
            await _service.ApproveUpdateAsync(id, 1, Alice);
        }

        var first = (await _service.GetAsync(sev1))!.Update(1)!;
        var second = (await _service.GetAsync(sev2))!.Update(1)!;

        Assert.Equal(["slack:C0STATUS", "slack:C0EXEC"], first.Deliveries.Select(delivery => delivery.Channel));
        Assert.Equal(["slack:C0STATUS", "console:status"], second.Deliveries.Select(delivery => delivery.Channel));
        Assert.All(first.Deliveries, delivery => Assert.Equal(DeliveryState.Pending, delivery.State));
    }

    [Fact]
    public async Task Approve_WithNoStakeholderChannel_IsSentAtOnce()
    {
        var service = Service(options: new IncidentOptions(), clock: _clock);
        var id = await service.DeclareAsync("sev2", commander: Alice);
        await service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Carol, Alice);
        await service.DraftUpdateAsync(id, Carol, "words");

        var outcome = await service.ApproveUpdateAsync(id, 1, Alice);

        Assert.Equal(UpdateStatus.Sent, outcome.Incident!.Update(1)!.Status);
        Assert.True(outcome.Incident.Update(1)!.IsReleased);
    }

    [Fact]
    public async Task Approve_RestartsTheCadenceFromTheApproval()
    {
        var id = await DeclaredWithCommsLeadAsync("sev1");
        await _service.DraftUpdateAsync(id, Bob, "words");
        _clock.Advance(TimeSpan.FromMinutes(20));

        var outcome = await _service.ApproveUpdateAsync(id, 1, Alice);

        Assert.Equal(Start.AddMinutes(50), _service.PlanOf(outcome.Incident!).DueAt);
    }

    [Fact]
    public async Task EditAndDiscard_ByTheAuthorCommanderOrCommsLead_NotByOthers()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "first words");

        var byDave = await _service.EditUpdateAsync(id, 1, Dave, "Dave's words");
        var byBob = await _service.EditUpdateAsync(id, 1, Bob, "second words");
        var same = await _service.EditUpdateAsync(id, 1, Bob, "second words");
        var tooLong = await _service.EditUpdateAsync(id, 1, Bob, new string('x', 3001));
        var discardByDave = await _service.DiscardUpdateAsync(id, 1, Dave, null);
        var discarded = await _service.DiscardUpdateAsync(id, 1, Carol, "superseded");
        var editDiscarded = await _service.EditUpdateAsync(id, 1, Bob, "third words");

        Assert.Equal(["the person is its author (bob), the commander (alice) or the communications lead (carol)"], byDave.Refusal!.Reasons);
        Assert.Equal(IncidentOutcomeStatus.Changed, byBob.Status);
        Assert.Equal(IncidentOutcomeStatus.Unchanged, same.Status);
        Assert.Equal(IncidentOutcomeStatus.Refused, tooLong.Status);
        Assert.Equal(IncidentOutcomeStatus.Refused, discardByDave.Status);
        Assert.Equal("Update #1 discarded: superseded", Assert.Single(discarded.Added).Describe());
        Assert.Equal("Update #1 is discarded already; only a draft can be changed.", editDiscarded.Message);
        var update = (await _service.GetAsync(id))!.Update(1)!;
        Assert.Equal(("second words", UpdateStatus.Discarded, Carol), (update.Text, update.Status, update.DiscardedBy));
    }

    [Fact]
    public async Task Delivery_ClaimSendRecord_EachChannelOnce()
    {
        var id = await ApprovedAsync();

        var claimed = await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-a", TimeSpan.FromMinutes(1));
        var claimedByOther = await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-b", TimeSpan.FromMinutes(1));
        var sent = await _service.RecordUpdateSentAsync(id, 1, "slack:C0STATUS", "1700000000.000100");
        var sentAgain = await _service.RecordUpdateSentAsync(id, 1, "slack:C0STATUS", "1700000000.000100");
        var claimAfterSent = await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-b", TimeSpan.FromMinutes(1));

        Assert.Equal(IncidentOutcomeStatus.Changed, claimed.Status);
        Assert.Equal("'ClaimUpdateDelivery' is not possible: replica-a is sending it until 03:01:00 UTC.", claimedByOther.Message);
        Assert.Equal("Update #1 sent to slack:C0STATUS", Assert.Single(sent.Added).Describe());
        Assert.Equal(IncidentOutcomeStatus.Unchanged, sentAgain.Status);
        Assert.Equal(IncidentOutcomeStatus.Unchanged, claimAfterSent.Status);
        var update = sent.Incident!.Update(1)!;
        Assert.Equal(UpdateStatus.Approved, update.Status);
        Assert.Equal((DeliveryState.Sent, "1700000000.000100", 1), (update.Deliveries[0].State, update.Deliveries[0].MessageId, update.Deliveries[0].Attempts));
    }

    [Fact]
    public async Task Delivery_EveryChannelSent_MakesTheUpdateSent()
    {
        var id = await ApprovedAsync();

        await _service.RecordUpdateSentAsync(id, 1, "slack:C0STATUS", null);
        var last = await _service.RecordUpdateSentAsync(id, 1, "console:status", "m-12");

        Assert.Equal(UpdateStatus.Sent, last.Incident!.Update(1)!.Status);
    }

    [Fact]
    public async Task Delivery_ASenderThatDied_IsTakenOverOnceItsClaimLapsed()
    {
        var id = await ApprovedAsync();
        await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-a", TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(1));

        var takeover = await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-b", TimeSpan.FromMinutes(1));

        Assert.Equal(IncidentOutcomeStatus.Changed, takeover.Status);
        Assert.Equal(("replica-b", 2), (takeover.Incident!.Update(1)!.Deliveries[0].ClaimedBy, takeover.Incident.Update(1)!.Deliveries[0].Attempts));
    }

    [Fact]
    public async Task Delivery_AFailure_ReleasesTheClaimForTheNextTry()
    {
        var id = await ApprovedAsync();
        await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-a", TimeSpan.FromMinutes(5));

        var failed = await _service.RecordUpdateDeliveryFailedAsync(id, 1, "slack:C0STATUS", "channel_not_found");
        var retried = await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-b", TimeSpan.FromMinutes(5));

        Assert.Equal((DeliveryState.Pending, "channel_not_found"), (failed.Incident!.Update(1)!.Deliveries[0].State, failed.Incident.Update(1)!.Deliveries[0].LastError));
        Assert.Equal(IncidentOutcomeStatus.Changed, retried.Status);
    }

    [Fact]
    public async Task Delivery_ManySendersAtOnce_OneClaimWins()
    {
        var id = await ApprovedAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            _service.ClaimUpdateDeliveryAsync(id, 1, "console:status", $"replica-{i}", TimeSpan.FromMinutes(1)))));

        Assert.Single(outcomes, outcome => outcome.Status == IncidentOutcomeStatus.Changed);
    }

    [Fact]
    public async Task Delivery_ToAChannelTheUpdateDoesNotGoTo_OrOfADraft_IsRefused()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "words");

        var draft = await _service.ClaimUpdateDeliveryAsync(id, 1, "slack:C0STATUS", "replica-a", TimeSpan.FromMinutes(1));
        await _service.ApproveUpdateAsync(id, 1, Alice);
        var elsewhere = await _service.RecordUpdateSentAsync(id, 1, "slack:C0RANDOM", null);

        Assert.Equal($"{id} has no approved update #1 for slack:C0STATUS.", draft.Message);
        Assert.Equal($"{id} has no approved update #1 for slack:C0RANDOM.", elsewhere.Message);
    }

    private async Task<string> ApprovedAsync()
    {
        var id = await DeclaredWithCommsLeadAsync();
        await _service.DraftUpdateAsync(id, Bob, "We rolled back checkout; error rate is normal.");
        Assert.Equal(IncidentOutcomeStatus.Changed, (await _service.ApproveUpdateAsync(id, 1, Alice)).Status);
        return id;
    }

    private static ActionWorkflow Workflow() => new()
    {
        Id = "k3x9m2p7qa",
        Kind = "set-resources",
        Cluster = "sim",
        Namespace = "shop",
        Target = "deployment/checkout",
        RequestedBy = Carol,
        CreatedAt = Start,
        Rule = new Workflows.Approvals.ApprovalRule(1, false, TimeSpan.FromMinutes(15), "none", true),
        CommandText = "/k8s set-resources deploy/checkout --memory 512Mi",
        Summary = "Raise the memory limit of deployment/checkout from 256Mi to 512Mi",
        Risk = "Medium",
    };
}
