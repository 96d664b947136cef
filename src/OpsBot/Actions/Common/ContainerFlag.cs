using OpsBot.Commands;

namespace OpsBot.Actions.Common;

/// <summary>The <c>-c, --container</c> flag of the actions that change one container.</summary>
public static class ContainerFlag
{
    public const string Name = "container";

    public static FlagDefinition Definition { get; } =
        new(Name, ValueKind.ContainerName, "The container (default: the only one).") { Short = 'c', ValueName = "CONTAINER" };
}
