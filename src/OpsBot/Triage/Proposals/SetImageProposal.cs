using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>
/// Set a container's image: <c>/deploy set-image deploy/NAME CONTAINER=IMAGE:TAG</c>. When triage cannot know the
/// image (a hotfix not built yet) <see cref="Image"/> is null: the proposal is a template to complete
/// (<see cref="Template"/>), not a button.
/// </summary>
public sealed record SetImageProposal(string Deployment, string Container, string? Image, CommandScopeSuffix Scope) : ActionProposal
{
    /// <summary>The image repository without tag, for the template (<c>registry.example.com/shop/payment</c>).</summary>
    public string? Repository { get; init; }

    public override string Kind => "set-image";

    public override string Label => Image is null ? $"Deploy a fixed {Container} image to {Deployment}" : $"Set {Deployment} {Container} image to {Image}";

    public override IReadOnlyList<ProposedCommand> Commands =>
        Image is null ? [] : [new(Label, $"/deploy set-image deploy/{Deployment} {Container}={Image}{Scope.Namespaced}")];

    /// <summary>The command with a placeholder tag, when <see cref="Image"/> is unknown.</summary>
    public string? Template => Image is null ? $"/deploy set-image deploy/{Deployment} {Container}={Repository ?? "IMAGE"}:FIXED_TAG{Scope.Namespaced}" : null;

    protected override void WriteFields(JsonObject json)
    {
        json["deployment"] = Deployment;
        json["namespace"] = Scope.Namespace;
        json["container"] = Container;
        json["image"] = Image;
        if (Template is { } template)
        {
            json["template"] = template;
        }
    }
}
