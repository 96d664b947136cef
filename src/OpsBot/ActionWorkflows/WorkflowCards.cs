using OpsBot.Actions;
using OpsBot.Chat.Messages;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// The approval card of a workflow in its current state (the message every copy of <c>workflow:&lt;id&gt;</c>
/// is updated to), and the final report posted in its thread.
/// </summary>
public sealed class WorkflowCards(TimeProvider time)
{
    public ChatMessage Card(ActionWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var plan = ActionPlanJson.FromJson(workflow.Plan);
        var now = time.GetUtcNow();
        var state = WorkflowText.State(workflow.State);
        var blocks = new List<MessageBlock>();
        if (workflow.BreakGlass is { } breakGlass)
        {
            blocks.Add(new SectionBlock(RichText.Bold("⚠ BREAK-GLASS") + " by " + WorkflowText.Person(breakGlass.By)
                + ": executed without approval. Reason: " + RichText.Italic(breakGlass.Reason ?? string.Empty) + ". This is audited."));
        }

        blocks.Add(new SectionBlock(RichText.Bold(plan.Summary)));
        if (plan.Changes.Count > 0)
        {
            blocks.Add(ChangeTable(plan, "Change"));
        }

        if (plan.CurrentState.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Current state") + "\n" + string.Join("\n", plan.CurrentState.Select(line => "• " + line))));
        }

        var fields = new List<MessageField>
        {
            new("State", RichText.Bold(state)),
            new("Risk", $"{plan.Risk}: {plan.RiskReason}"),
            new("Requested by", $"{WorkflowText.Person(workflow.RequestedBy)} at {WorkflowText.Time(workflow.CreatedAt)}"),
            new("Approvals", Approvals(workflow)),
        };
        if (workflow.State == ActionWorkflowState.AwaitingApproval && workflow.ExpiresAt is { } expires)
        {
            fields.Add(new("Expires", $"{WorkflowText.Time(expires)} (in {WorkflowText.Duration(expires - now)})"));
        }

        blocks.Add(new FieldsBlock(fields));
        if (Outcome(workflow) is { } outcome)
        {
            blocks.Add(new SectionBlock(outcome));
        }

        if (workflow.Verification is { Evidence.Count: > 0 } verification)
        {
            blocks.Add(new CodeBlock(string.Join("\n", verification.Evidence)));
        }

        blocks.Add(new ContextBlock(["workflow " + RichText.Code(workflow.Id), "cluster " + RichText.Code(workflow.Cluster), "namespace " + RichText.Code(WorkflowText.Namespace(workflow.Namespace))]));
        if (Buttons(workflow, plan) is { Count: > 0 } buttons)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        return new ChatMessage($"{state}: {plan.Summary} (requested by {workflow.RequestedBy.DisplayName}, workflow {workflow.Id})")
        {
            Header = $"{Title(workflow)}: {workflow.Kind} {workflow.Target}",
            Blocks = blocks,
        };
    }

    /// <summary>The report posted in the card's thread when an executed workflow ends (or waits for a revert decision).</summary>
    public ChatMessage FinalReport(ActionWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var plan = ActionPlanJson.FromJson(workflow.Plan);
        var end = workflow.FinishedAt ?? workflow.UpdatedAt;
        var duration = end - (workflow.ExecutionStartedAt ?? workflow.CreatedAt);
        var state = WorkflowText.State(workflow.State);
        var changed = workflow.State switch
        {
            ActionWorkflowState.Succeeded => "Changed",
            ActionWorkflowState.Reverted => "Changed, then reverted",
            ActionWorkflowState.VerificationFailed => "Changed (not verified; revert offered)",
            _ => workflow.ApplyResult is null ? "Not changed" : "Changed; see the error",
        };
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Bold($"{state}: ") + plan.Summary)
            {
                Fields =
                [
                    new("Duration", WorkflowText.Duration(duration)),
                    new("Approved by", workflow.BreakGlass is { } breakGlass ? $"nobody (break-glass by {WorkflowText.Person(breakGlass.By)})" : string.Join(", ", workflow.Approvals.Select(approval => WorkflowText.Person(approval.By)))),
                ],
            },
        };
        if (plan.Changes.Count > 0)
        {
            blocks.Add(ChangeTable(plan, changed));
        }

        if (Outcome(workflow) is { } outcome)
        {
            blocks.Add(new SectionBlock(outcome));
        }

        if (workflow.Verification is { Evidence.Count: > 0 } verification)
        {
            blocks.Add(new CodeBlock(string.Join("\n", verification.Evidence)));
        }

        blocks.Add(new ContextBlock(["workflow " + RichText.Code(workflow.Id), "cluster " + RichText.Code(workflow.Cluster), "namespace " + RichText.Code(WorkflowText.Namespace(workflow.Namespace))]));
        return new ChatMessage($"{state} in {WorkflowText.Duration(duration)}: {plan.Summary} (workflow {workflow.Id})")
        {
            Header = $"{state}: {workflow.Kind} {workflow.Target}",
            Blocks = blocks,
        };
    }

    private static string Title(ActionWorkflow workflow) => workflow.State switch
    {
        ActionWorkflowState.AwaitingApproval => "Approval needed",
        _ when workflow.BreakGlass is not null => "⚠ Break-glass, " + WorkflowText.State(workflow.State).ToLowerInvariant(),
        _ => WorkflowText.State(workflow.State),
    };

    private static string Approvals(ActionWorkflow workflow)
    {
        var given = workflow.Approvals.Count == 0 ? "none yet" : string.Join(", ", workflow.Approvals.Select(approval => WorkflowText.Person(approval.By)));
        var rule = workflow.Rule.AllowSelfApproval ? "self-approval allowed" : "not by the requester";
        return $"{workflow.ApprovalCount} of {workflow.Rule.RequiredApprovals} ({rule}): {given}";
    }

    private static RichText? Outcome(ActionWorkflow workflow)
    {
        var parts = new List<RichText>();
        if (workflow.Decision is { } decision)
        {
            var verb = workflow.State == ActionWorkflowState.Cancelled ? "Cancelled" : "Rejected";
            parts.Add(RichText.Bold(verb) + " by " + WorkflowText.Person(decision.By) + (string.IsNullOrWhiteSpace(decision.Reason) ? "." : ": " + decision.Reason));
        }

        if (workflow.State == ActionWorkflowState.Expired)
        {
            parts.Add(RichText.Bold("Expired") + " without enough approvals; nothing was changed.");
        }

        if (workflow.ApplyResult is { } applied)
        {
            parts.Add(RichText.Bold("Applied: ") + applied);
        }

        if (workflow.Verification is { } verification)
        {
            parts.Add(RichText.Bold("Verification: ") + verification.Summary);
        }

        if (workflow.State == ActionWorkflowState.VerificationFailed && !workflow.Rule.AutoRevert)
        {
            parts.Add(RichText.Plain("Policy does not revert by itself: press Revert to put back what was changed."));
        }

        if (workflow.RevertRequestedBy is { } reverter)
        {
            parts.Add(RichText.Plain("Revert asked by " + WorkflowText.Person(reverter) + "."));
        }

        if (workflow.Error is { } error)
        {
            parts.Add(RichText.Bold("Error: ") + error);
        }

        return parts.Count == 0 ? null : parts.Skip(1).Aggregate(parts[0], (text, part) => text + "\n" + part);
    }

    private static List<ChatButton> Buttons(ActionWorkflow workflow, ActionPlan plan)
    {
        if (workflow.State == ActionWorkflowState.AwaitingApproval)
        {
            return
            [
                new ChatButton(WorkflowActionIds.Approve, "Approve", workflow.Id)
                {
                    Style = ButtonStyle.Primary,
                    Confirm = plan.Risk == ActionRisk.High
                        ? new ConfirmDialog("Approve a high-risk action?", $"{plan.Summary}. Risk: {plan.RiskReason}.", "Approve", "Not yet")
                        : null,
                },
                new ChatButton(WorkflowActionIds.Reject, "Reject", workflow.Id) { Style = ButtonStyle.Danger },
                new ChatButton(WorkflowActionIds.Cancel, "Cancel", workflow.Id),
            ];
        }

        return workflow.State == ActionWorkflowState.VerificationFailed && !workflow.Rule.AutoRevert
            ? [new ChatButton(WorkflowActionIds.Revert, "Revert", workflow.Id)
            {
                Style = ButtonStyle.Danger,
                Confirm = new ConfirmDialog("Revert the change?", $"Puts back what \"{plan.Summary}\" replaced.", "Revert", "Keep it"),
            }]
            : [];
    }

    private static TableBlock ChangeTable(ActionPlan plan, string caption) =>
        new(["FIELD", "BEFORE", "AFTER"], [.. plan.Changes.Select(change => (IReadOnlyList<string>)[WorkflowText.Field(change.Path), change.Before ?? "(unset)", change.After ?? "(removed)"])])
        {
            Caption = caption,
        };
}
