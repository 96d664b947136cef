using OpsBot.Chat;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// Told about every stored workflow step, after it was stored and shown (incidents record the steps of the workflows
/// linked to them on their timeline). An observer must not throw for its own failures: the step already happened.
/// </summary>
public interface IWorkflowObserver
{
    /// <param name="workflow">The workflow as stored after the step.</param>
    /// <param name="events">The transitions the step made, in order.</param>
    /// <param name="request">The person's request that made it; <see langword="null"/> for the runner's and the sweeper's own steps.</param>
    /// <param name="cancellationToken">Cancels the observer's work.</param>
    Task WorkflowChangedAsync(ActionWorkflow workflow, IReadOnlyList<WorkflowEvent> events, ChatRequest? request, CancellationToken cancellationToken = default);
}
