namespace OpsBot.Commands.K8s;

/// <summary>The <c>deploy/NAME</c> argument of the rollout commands.</summary>
public static class DeploymentArgument
{
    public const string Name = "NAME";

    public static ArgumentDefinition Definition { get; } =
        new(Name, ValueKind.ObjectName, "The deployment.") { Required = true, ObjectKind = "deployment", ResourcePrefixes = ["deploy", "deployment", "deployments"] };
}
