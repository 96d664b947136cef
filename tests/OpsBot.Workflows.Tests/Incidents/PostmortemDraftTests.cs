using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Postmortems;
using OpsBot.Workflows.Incidents.Timeline;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>The postmortem draft, from an incident run through the service as the host would run it.</summary>
public sealed class PostmortemDraftTests
{
    [Fact]
    public async Task Build_FromAResolvedIncident_HoldsTimesRootCauseActionsWithDiffAndApproversUpdatesAndTimeline()
    {
        var (incident, markdown) = await ResolvedAsync("Checkout returns 500s");

        Assert.StartsWith("# INC-2026-0001: Checkout returns 500s\n\n> Draft written by OpsBot from the incident's record at 2026-11-22 05:00:00.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Severity | SEV1 |\n| State | Resolved |\n| Commander | alice |\n| Communications lead | carol |", markdown, StringComparison.Ordinal);
        Assert.Contains(
            """
            | Impact started | 2026-11-22 02:50:00 | +0 s |
            | Declared | 2026-11-22 03:00:00 | +10 min |
            | Acknowledged | 2026-11-22 03:04:00 | +14 min |
            | Cause identified | 2026-11-22 03:12:00 | +22 min |
            | Mitigated | 2026-11-22 03:30:00 | +40 min |
            | Resolved | 2026-11-22 04:05:00 | +1 h 15 min |

            Time to acknowledge: 4 min · to mitigate: 40 min · to resolve: 1 h 15 min.
            """.ReplaceLineEndings("\n"),
            markdown,
            StringComparison.Ordinal);
        Assert.Contains("## Impact\n\nCheckout returns 500s (SEV1, 1 h 15 min).", markdown, StringComparison.Ordinal);
        Assert.Contains("checkout runs out of memory under load (`deployment/checkout`) — triage, 2026-11-22 03:10:00.\n\nEvidence:\n\n- checkout-7d9f: OOMKilled 4 times in 10 min\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Marked identified by bob: memory limit too low", markdown, StringComparison.Ordinal);
        Assert.Contains(
            """
            ### Raise the memory limit of deployment/checkout from 256Mi to 512Mi (k3x9m2p7qa)

            | Field | Before | After |
            |---|---|---|
            | resources.limits.memory | 256Mi | 512Mi |

            - 2026-11-22 03:15:00 requested by carol → AwaitingApproval
            - 2026-11-22 03:20:00 approved by bob → Approved
            - 2026-11-22 03:25:00 Verified → Succeeded: 3/3 pods ready, no restarts

            Approved by: bob
            """.ReplaceLineEndings("\n"),
            markdown,
            StringComparison.Ordinal);
        Assert.Contains("**Update #1**, 2026-11-22 03:35:00, written by carol, approved by alice:\n\n> We raised the memory limit; checkout is recovering.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2026-11-22 03:00:00 | alice | Declared SEV1 \"Checkout returns 500s\"; commander alice |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2026-11-22 04:05:00 | alice | Monitoring → Resolved: error rate normal for 30 min |", markdown, StringComparison.Ordinal);
        Assert.EndsWith("## What went well\n\n_To fill._\n\n## What went wrong\n\n_To fill._\n\n## Follow-ups\n\n- [ ] _To fill: what will prevent it or shorten it next time, each with an owner._\n", markdown, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Resolved, incident.State);
    }

    [Fact]
    public async Task Build_UserText_IsInertMarkdown()
    {
        var (_, markdown) = await ResolvedAsync("Checkout *down* <script>alert(1)</script> | [x](javascript:1)");

        Assert.StartsWith(@"# INC-2026-0001: Checkout \*down\* \<script\>alert(1)\</script\> \| \[x\](javascript:1)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithNothingRecorded_SaysWhatToFill()
    {
        var markdown = PostmortemDraft.Build(InState(IncidentState.Resolved), Start);

        Assert.Contains("## Root cause\n\n_To fill: no root cause was recorded._", markdown, StringComparison.Ordinal);
        Assert.Contains("## Actions\n\nNo action workflow was started for this incident.", markdown, StringComparison.Ordinal);
        Assert.Contains("## Stakeholder updates\n\nNone went out.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Impact started | — | — |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownLines_EscapeBlockMarkersAtTheStartOfALine()
    {
        Assert.Equal([@"\- not a list", @"1\. not a list either", @"\# not a heading", "plain"], MarkdownText.Lines("- not a list\n1. not a list either\n# not a heading\nplain"));
    }

    private static async Task<(Incident Incident, string Markdown)> ResolvedAsync(string title)
    {
        var clock = Clock();
        var service = Service(options: new IncidentOptions(), clock: clock);
        var declared = await service.DeclareAsync(Declaration("sev1", title) with { DetectedAt = Start.AddMinutes(-10) });
        var id = declared.Incident!.Id.ToString();
        await service.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Carol, Alice);
        clock.Advance(TimeSpan.FromMinutes(4));
        await service.ChangeStatusAsync(id, IncidentTrigger.Investigate, Bob, null);
        await service.RecordTimelineAsync(id, new RootCauseFound
        {
            At = Start.AddMinutes(10),
            Summary = "checkout runs out of memory under load",
            Target = "deployment/checkout",
            Evidence = ["checkout-7d9f: OOMKilled 4 times in 10 min"],
        });
        clock.Advance(TimeSpan.FromMinutes(8));
        await service.ChangeStatusAsync(id, IncidentTrigger.Identify, Bob, "memory limit too low");
        var workflow = Workflow();
        FieldChange[] diff = [new("resources.limits.memory", "256Mi", "512Mi")];
        await service.LinkWorkflowAsync(id, workflow);
        foreach (var step in new[]
        {
            new WorkflowEvent(Start.AddMinutes(15), ActionWorkflowState.Proposed, ActionWorkflowState.AwaitingApproval, ActionWorkflowTrigger.Submit, Carol, null),
            new WorkflowEvent(Start.AddMinutes(20), ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved, ActionWorkflowTrigger.Approve, Bob, null),
            new WorkflowEvent(Start.AddMinutes(25), ActionWorkflowState.Verifying, ActionWorkflowState.Succeeded, ActionWorkflowTrigger.Verified, null, "3/3 pods ready, no restarts"),
        })
        {
            await service.RecordTimelineAsync(id, WorkflowStep.Of(workflow, step, diff));
        }

        clock.Advance(TimeSpan.FromMinutes(18));
        await service.ChangeStatusAsync(id, IncidentTrigger.Monitor, Bob, null);
        await service.DraftUpdateAsync(id, Carol, "We raised the memory limit; checkout is recovering.");
        clock.Advance(TimeSpan.FromMinutes(5));
        await service.ApproveUpdateAsync(id, 1, Alice);
        clock.Advance(TimeSpan.FromMinutes(30));
        var resolved = await service.ResolveAsync(id, Alice, "error rate normal for 30 min");
        Assert.Equal(IncidentOutcomeStatus.Changed, resolved.Status);
        return (resolved.Incident!, PostmortemDraft.Build(resolved.Incident!, Start.AddHours(2)));
    }

    private static ActionWorkflow Workflow() => new()
    {
        Id = "k3x9m2p7qa",
        Kind = "set-resources",
        Cluster = "sim",
        Namespace = "shop",
        Target = "deployment/checkout",
        RequestedBy = Carol,
        CreatedAt = Start.AddMinutes(15),
        Rule = new Workflows.Approvals.ApprovalRule(1, false, TimeSpan.FromMinutes(15), "none", true),
        CommandText = "/k8s set-resources deploy/checkout --memory 512Mi",
        Summary = "Raise the memory limit of deployment/checkout from 256Mi to 512Mi",
        Risk = "Medium",
    };
}
