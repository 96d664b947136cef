using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Commands.K8s;
using k8s.Models;

namespace OpsBot.Actions.SetImage;

/// <summary>
/// <c>/deploy set-image deploy/NAME CONTAINER=IMAGE:TAG</c>: the hotfix path — one container's image, rolled out and
/// verified; a tag the registry does not have fails verification (ErrImagePull) and the revert puts the old image back.
/// </summary>
public sealed class SetImageAction(IClusterClock? clusterClock = null, TimeProvider? timeProvider = null) : DeploymentFieldAction(clusterClock, timeProvider)
{
    public const string ActionKind = "set-image";
    public const string ImageArgument = "CONTAINER=IMAGE";

    public override string Kind => ActionKind;

    public override CommandDefinition Definition { get; } = new(["deploy", "set-image"], "Roll out a new image for one container of a deployment (the hotfix path), after approval.", Permission.Act)
    {
        Arguments =
        [
            DeploymentArgument.Definition,
            new(ImageArgument, ValueKind.Text, "The container and its new image with a tag, e.g. payment=registry.example.com/shop/payment:1.12.1.") { Required = true },
        ],
        Examples = ["/deploy set-image deploy/payment payment=registry.example.com/shop/payment:1.12.1 -n ecommerce-production"],
    };

    protected override DeploymentEdit Describe(CommandContext context, V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deployment);
        var text = context.Command.GetString(ImageArgument)!;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CommandInputException($"Write the new image as CONTAINER=IMAGE:TAG, e.g. payment=registry.example.com/shop/payment:1.12.1 (got \"{CommandParser.Shorten(text)}\").", Definition);
        }

        var containerName = text[..equals];
        var image = text[(equals + 1)..];
        if (KubernetesNames.ValidateLabel(containerName) is { } badName)
        {
            throw new CommandInputException($"\"{CommandParser.Shorten(containerName)}\" is not a valid container name: {badName}.", Definition);
        }

        if (ImageReference.Validate(image) is { } badImage)
        {
            throw new CommandInputException($"\"{CommandParser.Shorten(image)}\" is not a valid image reference: {badImage}.", Definition);
        }

        var container = Deployments.PickContainer(deployment, containerName, Definition);
        var name = deployment.Metadata?.Name;
        var edit = new FieldEdit(
            $"spec.template.spec.containers[{container.Name}].image",
            container.Image is { } current ? JsonValue.Create(current) : null,
            JsonValue.Create(image),
            FieldValueKind.Text);
        var (risk, reason) = Deployments.RolloutRisk(deployment, $"rolls out {image}");
        return new DeploymentEdit(
            $"Set the image of container {container.Name} of deployment/{name} from {container.Image} to {image}",
            [edit],
            $"deployment/{name} container {container.Name} already runs {image}; nothing to change.",
            risk,
            reason)
        {
            CurrentState = [$"container {container.Name}: image {container.Image}"],
        };
    }
}
