using System.Text.Json.Serialization;

namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>Source-generated JSON for the stored part of an incident: camelCase, enums by name, timeline entries by <c>type</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IncidentData))]
internal sealed partial class IncidentJsonContext : JsonSerializerContext;
