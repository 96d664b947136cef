namespace OpsBot.Actions;

/// <summary>One field the action changes: <c>spec.template.spec.containers[app].resources.limits.memory</c>: 512Mi → 1Gi.</summary>
/// <param name="Path">The field, as a path a reader understands.</param>
/// <param name="Before">The current value; <see langword="null"/> when unset.</param>
/// <param name="After">The new value; <see langword="null"/> when removed.</param>
public sealed record FieldChange(string Path, string? Before, string? After);
