using System.Text.Json.Serialization;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>Source-generated JSON for the stored part of a workflow: camelCase, enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ActionWorkflowData))]
internal sealed partial class ActionWorkflowJsonContext : JsonSerializerContext;
