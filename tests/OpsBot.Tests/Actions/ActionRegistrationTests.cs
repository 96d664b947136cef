using Microsoft.Extensions.DependencyInjection;
using OpsBot.Actions;
using OpsBot.Actions.Common;
using OpsBot.Actions.SetImage;
using OpsBot.Authorization;
using OpsBot.Commands;
using OpsBot.Commands.K8s;

namespace OpsBot.Tests.Actions;

public sealed class ActionRegistrationTests
{
    [Fact]
    public void AddOpsBotActions_RegistersEveryKindOnce_NotAsCommandHandlers()
    {
        var services = new ServiceCollection();
        services.AddOpsBotActions();
        services.AddOpsBotActions();
        using var provider = services.BuildServiceProvider();

        var kinds = provider.GetServices<IClusterAction>().Select(a => a.Kind).ToList();

        Assert.Equal(["rollback", "scale-hpa", "set-resources", "restart", "set-probe", "set-image", "cordon", "drain", "cert-renew"], kinds);
        Assert.Empty(provider.GetServices<ICommandHandler>());
    }

    [Fact]
    public void Definitions_ActPermission_TheFixedSyntax_FitTheCatalogBesideTheReadOnlyCommands()
    {
        var definitions = ActionCluster.Actions.Select(a => a.Definition).ToList();
        var readOnly = K8sHandlers.Types.Select(t => t.GetConstructors().Single().GetParameters().Length == 0 ? ((ICommandHandler)Activator.CreateInstance(t)!).Definition : null).OfType<CommandDefinition>();

        var parser = new CommandParser(new CommandCatalog(definitions.Concat(readOnly)));

        Assert.All(definitions, d => Assert.Equal(Permission.Act, d.Permission));
        Assert.Equal(
            ["/rollback", "/scale-hpa", "/k8s set-resources", "/k8s restart", "/k8s set-probe", "/deploy set-image", "/k8s cordon", "/k8s drain", "/cert renew"],
            definitions.Select(d => d.DisplayName));
        var parsed = parser.Parse("/k8s set-resources deploy/frontend -c frontend --memory-limit 2Gi --memory-request=1Gi -n shop --cluster prod").Command!;
        Assert.Equal(("frontend", "frontend", "2Gi", "1Gi", "shop", "prod"), (parsed.GetString("NAME"), parsed.GetString(ContainerFlag.Name), parsed.GetString("memory-limit"), parsed.GetString("memory-request"), parsed.Namespace, parsed.Cluster));
        Assert.Equal(TimeSpan.FromSeconds(120), parser.Parse("/scale-hpa frontend --scale-up-window 120s").Command!.GetDuration("scale-up-window"));
        Assert.Equal("ip-10-0-3-33.ec2.internal", parser.Parse("/k8s drain node/ip-10-0-3-33.ec2.internal --cluster prod").Command!.GetString("NODE"));
        Assert.Throws<CommandInputException>(() => parser.Parse("/k8s drain node/x -n shop"));
        Assert.Throws<CommandInputException>(() => parser.Parse("/rollback deploy/frontend --break-glass \"db down\""));
    }

    [Theory]
    [InlineData("registry.example.com/shop/payment:1.12.1", null)]
    [InlineData("registry.example.com:5000/shop/payment:1.12.1", null)]
    [InlineData("nginx:1.27-alpine", null)]
    [InlineData("ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("nginx", "give a tag or a digest")]
    [InlineData("Nginx:1", "an image is")]
    [InlineData("shop//payment:1", "an image is")]
    [InlineData("shop/payment:", "an image is")]
    [InlineData("shop/payment:-bad", "an image is")]
    [InlineData("shop/pay ment:1", "an image is")]
    public void ImageReference_Validate(string image, string? problem)
    {
        var answer = ImageReference.Validate(image);

        if (problem is null)
        {
            Assert.Null(answer);
        }
        else
        {
            Assert.StartsWith(problem, answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FieldPath_ReadsAndWritesContainersByNameAndMapKeys()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"t0"}},"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","resources":{"limits":{"memory":"1Gi"}}}]}}}}""")!;
        var memory = FieldPath.Parse("spec.template.spec.containers[b].resources.limits.memory");
        var restarted = FieldPath.Parse("spec.template.metadata.annotations[kubectl.kubernetes.io/restartedAt]");

        Assert.Equal("1Gi", memory.Read(root)?.ToString());
        Assert.Equal("t0", restarted.Read(root)?.ToString());
        Assert.Null(FieldPath.Parse("spec.template.spec.containers[c].image").Read(root));

        var patch = new System.Text.Json.Nodes.JsonObject();
        memory.Write(patch, null);
        restarted.Write(patch, "t1");
        FieldPath.Parse("spec.template.spec.containers[b].image").Write(patch, "y");
        Assert.Equal("""{"spec":{"template":{"spec":{"containers":[{"name":"b","resources":{"limits":{"memory":null}},"image":"y"}]},"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"t1"}}}}}""", patch.ToJsonString());
    }
}
