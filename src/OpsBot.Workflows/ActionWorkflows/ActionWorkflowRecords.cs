using System.Text.Json;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>Maps an <see cref="ActionWorkflow"/> to the store's <see cref="WorkflowRecord"/> (queried columns + JSON) and back.</summary>
public static class ActionWorkflowRecords
{
    public static WorkflowRecord ToRecord(ActionWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var data = new ActionWorkflowData
        {
            RequestedBy = workflow.RequestedBy,
            Rule = workflow.Rule,
            CommandText = workflow.CommandText,
            Summary = workflow.Summary,
            Risk = workflow.Risk,
            Plan = workflow.Plan,
            Approvals = workflow.Approvals,
            Decision = workflow.Decision,
            BreakGlass = workflow.BreakGlass,
            RevertRequestedBy = workflow.RevertRequestedBy,
            ApplyResult = workflow.ApplyResult,
            VerifyBy = workflow.VerifyBy,
            Verification = workflow.Verification,
            Error = workflow.Error,
            ExecutionStartedAt = workflow.ExecutionStartedAt,
            FinishedAt = workflow.FinishedAt,
            History = workflow.History,
            Lease = workflow.Lease,
        };
        return new WorkflowRecord
        {
            Id = workflow.Id,
            Kind = workflow.Kind,
            State = workflow.State.ToString(),
            Version = workflow.Version,
            Cluster = workflow.Cluster,
            Namespace = workflow.Namespace,
            Target = workflow.Target,
            RequestedBy = workflow.RequestedBy.Key,
            CreatedAt = workflow.CreatedAt,
            UpdatedAt = workflow.UpdatedAt,
            ExpiresAt = workflow.ExpiresAt,
            Data = JsonSerializer.Serialize(data, ActionWorkflowJsonContext.Default.ActionWorkflowData),
        };
    }

    /// <summary>The workflow a record holds; the record's columns (state, version, expiry) win over anything in its JSON.</summary>
    /// <exception cref="InvalidDataException">The record is not an action workflow this version understands.</exception>
    public static ActionWorkflow FromRecord(WorkflowRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Enum.TryParse<ActionWorkflowState>(record.State, out var state))
        {
            throw new InvalidDataException($"Workflow {record.Id} is in an unknown state \"{record.State}\".");
        }

        ActionWorkflowData data;
        try
        {
            data = JsonSerializer.Deserialize(record.Data, ActionWorkflowJsonContext.Default.ActionWorkflowData)
                ?? throw new InvalidDataException($"Workflow {record.Id} has no data.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Workflow {record.Id} has unreadable data: {error.Message}", error);
        }

        return new ActionWorkflow
        {
            Id = record.Id,
            Kind = record.Kind,
            Cluster = record.Cluster,
            Namespace = record.Namespace,
            Target = record.Target,
            State = state,
            Version = record.Version,
            RequestedBy = data.RequestedBy,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            ExpiresAt = record.ExpiresAt,
            Rule = data.Rule,
            CommandText = data.CommandText,
            Summary = data.Summary,
            Risk = data.Risk,
            Plan = data.Plan,
            Approvals = data.Approvals,
            Decision = data.Decision,
            BreakGlass = data.BreakGlass,
            RevertRequestedBy = data.RevertRequestedBy,
            ApplyResult = data.ApplyResult,
            VerifyBy = data.VerifyBy,
            Verification = data.Verification,
            Error = data.Error,
            ExecutionStartedAt = data.ExecutionStartedAt,
            FinishedAt = data.FinishedAt,
            History = data.History,
            Lease = data.Lease,
        };
    }
}
