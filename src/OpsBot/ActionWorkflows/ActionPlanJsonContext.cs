using System.Text.Json.Serialization;
using OpsBot.Actions;

namespace OpsBot.ActionWorkflows;

/// <summary>Source-generated JSON for a stored <see cref="ActionPlan"/>: camelCase, enums by name.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ActionPlan))]
internal sealed partial class ActionPlanJsonContext : JsonSerializerContext;
