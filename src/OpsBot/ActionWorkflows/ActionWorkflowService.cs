using Microsoft.Extensions.Logging;
using OpsBot.Actions;
using OpsBot.Audit;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// Where requests, decisions and the runner's reports become workflow transitions, and where every stored
/// transition is audited and shown: each change is stored first (optimistically), and only then audited,
/// pushed to every copy of the card, followed up in the thread when it ends, and handed to the runner.
/// </summary>
public sealed partial class ActionWorkflowService(
    ActionWorkflowStore workflows,
    ApprovalPolicy policy,
    IPermissionChecker permissions,
    ICommandAuthorizer authorizer,
    WorkflowCards cards,
    WorkflowQueue queue,
    IAuditLog audit,
    IChatNotifier notifier,
    TimeProvider time,
    ILogger<ActionWorkflowService> logger,
    IEnumerable<IWorkflowObserver> observers)
{
    /// <summary>The bot's name in audit entries for what it does by itself (execute, verify, revert, expire).</summary>
    public const string BotUser = "opsbot";

    // Each workflow's steps are stored and shown in turn, so no card shows an older state after a newer one.
    private readonly WorkflowPublishOrder _publishOrder = new();

    private static readonly string[] OpenStates =
        [nameof(ActionWorkflowState.AwaitingApproval), .. ActionWorkflow.RunnerStates.Select(state => state.ToString())];

    /// <summary>Plans <paramref name="action"/>, creates its workflow and answers with the approval card (or, with break-glass, executes it).</summary>
    public async Task<ChatReply> RequestAsync(IClusterAction action, CommandContext context, string? breakGlassReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(context);
        var plan = await action.PlanAsync(context, cancellationToken).ConfigureAwait(false);
        var requester = Actors.From(context.Request, authorizer);
        var ns = plan.Namespace ?? string.Empty;
        if (!permissions.Holds(requester, WorkflowPermission.Act, ns))
        {
            // The pipeline authorized the command's namespace; the plan may name another (it should not).
            return await DenyAsync(context.Request, null, $"You ({requester.DisplayName}) may not request {action.Kind} in namespace {WorkflowText.Namespace(ns)}.", cancellationToken).ConfigureAwait(false);
        }

        if (breakGlassReason is null && await OpenWorkflowOnAsync(context.ClusterName, ns, plan.Target, cancellationToken).ConfigureAwait(false) is { } open)
        {
            var pending = $"{open.Target} already has workflow {open.Id} ({WorkflowText.State(open.State).ToLowerInvariant()}, {open.Kind}, requested by {WorkflowText.Person(open.RequestedBy)} at {WorkflowText.Time(open.CreatedAt)}). "
                + (open.State == ActionWorkflowState.AwaitingApproval
                    ? $"Decide that one first (approve or reject it, or its requester cancels it): /workflow show {open.Id}"
                    : $"Wait until it ends: /workflow show {open.Id}");
            return await DenyAsync(context.Request, WorkflowActionIds.Subject(open.Id), pending, cancellationToken, AuditOutcome.Invalid).ConfigureAwait(false);
        }

        var rule = policy.RuleFor(action.Kind, ns, plan.Risk.ToString());
        var workflow = new ActionWorkflow
        {
            Id = WorkflowIds.NewId(),
            Kind = action.Kind,
            Cluster = context.ClusterName,
            Namespace = ns,
            Target = plan.Target,
            RequestedBy = requester,
            CreatedAt = time.GetUtcNow(),
            Rule = rule,
            CommandText = context.Command.Text,
            Summary = plan.Summary,
            Risk = plan.Risk.ToString(),
            Plan = ActionPlanJson.ToJson(plan),
        };
        using var audited = WorkflowAuditScope.Begin(context.Request);
        var outcome = breakGlassReason is null
            ? await workflows.SubmitAsync(workflow, cancellationToken).ConfigureAwait(false)
            : await workflows.BreakGlassAsync(workflow, breakGlassReason, cancellationToken).ConfigureAwait(false);
        if (outcome.Status == TransitionStatus.Refused)
        {
            var why = outcome.UnmetGuards.Contains("a reason is given")
                ? "--break-glass needs a reason, e.g. --break-glass \"checkout down, approvers unreachable\"."
                : $"Break-glass is not allowed for you ({requester.DisplayName}) here: policy allows it to {BreakGlassPolicy.Describe(rule.BreakGlass)}. Request it without --break-glass to get an approval.";
            return await DenyAsync(context.Request, null, why, cancellationToken).ConfigureAwait(false);
        }

        if (workflow.BreakGlass is not null)
        {
            LogBreakGlass(workflow.Id, requester.Key, workflow.Kind, workflow.Target, workflow.BreakGlass.Reason ?? string.Empty);
        }

        await PublishAsync(outcome, context.Request, audited.WrittenByStore, cancellationToken).ConfigureAwait(false);
        return new ChatReply(cards.Card(outcome.Workflow!)) { Subject = WorkflowActionIds.Subject(workflow.Id) };
    }

    // One open workflow per object, so two people do not ask for approval of two changes to it at once (the executor
    // would refuse the second anyway: its plan is stale). Open: awaiting approval (and not past its expiry), or with a
    // step left for the runner; a failed verification that waits for a person's revert does not block a new fix.
    // Best effort across replicas: requests racing within one store round-trip both pass.
    private async Task<ActionWorkflow?> OpenWorkflowOnAsync(string cluster, string ns, string target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = await workflows.ListAsync(new WorkflowQuery { States = OpenStates, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        return candidates.FirstOrDefault(workflow => workflow.Cluster == cluster && workflow.Namespace == ns && workflow.Target == target
            && (workflow.State == ActionWorkflowState.AwaitingApproval ? workflow.ExpiresAt is not { } expires || expires > now : workflow.NeedsRunner));
    }

    /// <summary>A person's decision on workflow <paramref name="id"/>: the card in its new state (replacing the pressed one), or why not.</summary>
    public async Task<ChatReply> DecideAsync(ChatRequest request, WorkflowDecision decision, string id, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        if (!WorkflowIds.IsWellFormed(id))
        {
            return await DenyAsync(request, null, "That is not a workflow id.", cancellationToken, AuditOutcome.Invalid).ConfigureAwait(false);
        }

        var actor = Actors.From(request, authorizer);
        var subject = WorkflowActionIds.Subject(id);
        if (await StepAndPublishAsync(id, token => TryTakeAsync(decision, id, actor, reason, token), request, cancellationToken).ConfigureAwait(false) is not { } outcome)
        {
            // The database is down (restarting, failing over): the decision was not stored, so nothing will run. Say so,
            // rather than "something went wrong"; pressing again is safe (the same person's approval counts once).
            var again = request.Button is not null ? $"press {char.ToUpperInvariant(decision.Verb[0]) + decision.Verb[1..]} again" : $"run /workflow {decision.Verb} {id} again";
            // "Nothing was done" only when nothing was sent: a write whose answer was lost may have committed.
            var text = StoreWrites.Outcome == StoreWriteOutcome.None
                ? $"The {decision.Noun} of workflow {id} could not be recorded: OpsBot's database is not answering (restarting?). Nothing was done; {again} in a minute."
                : $"It is not known whether the {decision.Noun} of workflow {id} was recorded: OpsBot's database stopped answering (restarting?) while it was being saved. Check with /workflow show {id} before you {again}.";
            return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = true, Subject = subject };
        }

        switch (outcome.Status)
        {
            case TransitionStatus.NotFound:
                return await DenyAsync(request, subject, $"There is no workflow {id}.", cancellationToken, AuditOutcome.Invalid).ConfigureAwait(false);
            case TransitionStatus.Refused:
                var why = outcome.UnmetGuards is { Count: > 0 } guards
                    ? $"You ({actor.DisplayName}) can't {decision.Verb} workflow {id} (needs: {string.Join("; ", guards)})."
                    : $"You can't {decision.Verb} workflow {id}: it is {WorkflowText.State(outcome.Workflow!.State).ToLowerInvariant()} now.";
                return await DenyAsync(request, subject, why, cancellationToken).ConfigureAwait(false);
        }

        return new ChatReply(cards.Card(outcome.Workflow!)) { ReplaceOriginal = true, Subject = subject };
    }

    /// <summary>
    /// Takes <paramref name="step"/> on workflow <paramref name="id"/> and, once the store accepted it, audits and shows it — in the
    /// workflow's turn. A step that yields no outcome (<see langword="null"/>: nothing stored) is not shown.
    /// </summary>
    private async Task<TOutcome> StepAndPublishAsync<TOutcome>(string id, Func<CancellationToken, Task<TOutcome>> step, ChatRequest? request, CancellationToken cancellationToken)
    {
        using var turn = await _publishOrder.EnterAsync(id, cancellationToken).ConfigureAwait(false);
        using var audited = WorkflowAuditScope.Begin(request);
        var outcome = await step(cancellationToken).ConfigureAwait(false);
        if (outcome is TransitionOutcome { Status: TransitionStatus.Changed } changed)
        {
            await PublishAsync(changed, request, audited.WrittenByStore, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// A person's decision: <see langword="null"/> when the store did not answer while it was read or stored (nothing stored;
    /// the store already tried once more on a fresh connection, for a server that restarted meanwhile).
    /// </summary>
    private async Task<TransitionOutcome?> TryTakeAsync(WorkflowDecision decision, string id, Actor actor, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            return await decision.TakeAsync(workflows, id, actor, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (StoreAvailability.IsUnavailable(error))
        {
            LogDecisionNotStored(error, id);
            return null;
        }
    }

    /// <param name="outcome">The stored step.</param>
    /// <param name="request">The request behind it; <see langword="null"/> for the bot's own steps.</param>
    /// <param name="audited">The store wrote the step's audit entries in its commit (SQL); otherwise they are written here.</param>
    /// <param name="cancellationToken">Cancels showing it.</param>
    private async Task PublishAsync(TransitionOutcome outcome, ChatRequest? request, bool audited, CancellationToken cancellationToken)
    {
        var workflow = outcome.Workflow!;
        if (!audited)
        {
            foreach (var change in outcome.Events)
            {
                await RecordAsync(WorkflowTransitionAudit.Entry(workflow, change, request), workflow.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        var subject = WorkflowActionIds.Subject(workflow.Id);
        // A press's own card is replaced by its adapter with the reply (DecideAsync), so it is written once, not twice.
        if (request?.Button?.MessageId is not null)
        {
            await notifier.UpdateOthersAsync(subject, cards.Card(workflow), request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await notifier.UpdateAsync(subject, cards.Card(workflow), cancellationToken).ConfigureAwait(false);
        }
        var awaitsRevertDecision = workflow.State == ActionWorkflowState.VerificationFailed && !workflow.Rule.AutoRevert;
        if ((workflow.IsFinished && workflow.ExecutionStartedAt is not null) || awaitsRevertDecision)
        {
            await notifier.FollowUpAsync(subject, cards.FinalReport(workflow), cancellationToken).ConfigureAwait(false);
        }

        foreach (var observer in observers)
        {
            await observer.WorkflowChangedAsync(workflow, outcome.Events, request, cancellationToken).ConfigureAwait(false);
        }

        // A person's decision hands the workflow to the runner; the runner keeps what it drives itself.
        if (request is not null && ActionWorkflow.RunnerStates.Contains(workflow.State))
        {
            queue.Enqueue(workflow.Id);
        }
    }

    private async Task RecordAsync(AuditEntry entry, string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogAuditFailed(error, workflowId);
        }
    }

    private async Task<ChatReply> DenyAsync(ChatRequest request, string? subject, string message, CancellationToken cancellationToken, AuditOutcome outcome = AuditOutcome.Denied)
    {
        var text = request.Text ?? (request.Button is { } button ? $"[button {button.ActionId}]" : string.Empty);
        try
        {
            await audit.RecordAsync(
                new AuditEntry(time.GetUtcNow(), request.Platform, request.UserId, request.ChannelId, text, outcome, message, request.CorrelationId) { Subject = subject },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogAuditFailed(error, subject ?? "-");
        }

        return new ChatReply(new ChatMessage(message) { Blocks = [new SectionBlock(message)] }) { Ephemeral = true };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BREAK-GLASS: workflow {WorkflowId} by {User} runs {Kind} on {Target} without approval; reason: {Reason}")]
    private partial void LogBreakGlass(string workflowId, string user, string kind, string target, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: a person's decision could not be stored (the database did not answer); they were told to press again")]
    private partial void LogDecisionNotStored(Exception error, string workflowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry of workflow {WorkflowId}")]
    private partial void LogAuditFailed(Exception error, string workflowId);
}
