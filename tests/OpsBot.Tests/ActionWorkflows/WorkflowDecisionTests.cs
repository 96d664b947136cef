using OpsBot.ActionWorkflows;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Tests.ActionWorkflows;

public sealed class WorkflowDecisionTests
{
    [Theory]
    [InlineData(WorkflowActionIds.Approve, ActionWorkflowTrigger.Approve, "approve")]
    [InlineData(WorkflowActionIds.Reject, ActionWorkflowTrigger.Reject, "reject")]
    [InlineData(WorkflowActionIds.Cancel, ActionWorkflowTrigger.Cancel, "cancel")]
    [InlineData(WorkflowActionIds.Revert, ActionWorkflowTrigger.Revert, "revert")]
    public void ForActionId_EveryWorkflowButton_IsItsDecision(string actionId, ActionWorkflowTrigger trigger, string verb)
    {
        var decision = WorkflowDecision.ForActionId(actionId);

        Assert.Equal((actionId, trigger, verb), (decision!.ActionId, decision.Trigger, decision.Verb));
    }

    [Theory]
    [InlineData("workflow.approved")]
    [InlineData("workflow.")]
    [InlineData("command.run")]
    public void ForActionId_UnknownButton_IsNone(string actionId)
    {
        Assert.Null(WorkflowDecision.ForActionId(actionId));
    }

    [Fact]
    public void All_OneDecisionPerButtonAndTrigger()
    {
        Assert.Equal(WorkflowDecision.All.Count, WorkflowDecision.All.Select(decision => decision.ActionId).Distinct().Count());
        Assert.Equal(WorkflowDecision.All.Count, WorkflowDecision.All.Select(decision => decision.Trigger).Distinct().Count());
        Assert.All(WorkflowDecision.All, decision => Assert.StartsWith(WorkflowActionIds.Prefix, decision.ActionId, StringComparison.Ordinal));
    }

    [Fact]
    public void WorkflowRunner_ReachesWorkflowsOnlyThroughItsDoor()
    {
        var dependencies = typeof(WorkflowRunner).GetConstructors().Single().GetParameters().Select(parameter => parameter.ParameterType).ToList();

        Assert.Contains(typeof(IWorkflowRunnerSteps), dependencies);
        Assert.DoesNotContain(typeof(ActionWorkflowStore), dependencies);
        Assert.DoesNotContain(typeof(ActionWorkflowService), dependencies);
        Assert.DoesNotContain(typeof(Workflows.Persistence.IWorkflowStore), dependencies);
    }
}
