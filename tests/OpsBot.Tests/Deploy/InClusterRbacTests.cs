using System.Diagnostics;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.Tests.EndToEnd;
using OpsBot.Tests.Console;
using Xunit.Abstractions;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// OpsBot in in-cluster mode with exactly the manifests' ServiceAccount and RBAC (<see cref="InClusterOpsBot"/>): every
/// end-to-end incident script (triage, the suggested actions, approval, execution, verification), every <c>/k8s</c>
/// command kind and <c>/triage</c> form, and an action that fails its verification and is reverted — all without a single
/// refusal from the API server.
/// </summary>
[Collection(InClusterCollection.Name)]
public sealed class InClusterRbacTests(InClusterOpsBot opsbot, ITestOutputHelper output)
{
    private static readonly Dictionary<string, Func<EndToEndConsole, Task>> Scripts = new(StringComparer.Ordinal)
    {
        [S01FrontendMemoryLeakTests.Scenario] = S01FrontendMemoryLeakTests.RunAsync,
        [S02RolloutMissingSecretKeyTests.Scenario] = S02RolloutMissingSecretKeyTests.RunAsync,
        [S03FlashSaleHpaAtMaxTests.Scenario] = S03FlashSaleHpaAtMaxTests.RunAsync,
        [S05JvmHeapOomTests.Scenario] = S05JvmHeapOomTests.RunAsync,
        [S06ImageTagNotFoundTests.Scenario] = S06ImageTagNotFoundTests.RunAsync,
        [S08PaymentHotfixTests.Scenario] = S08PaymentHotfixTests.RunAsync,
        [S09LivenessProbeTooAggressiveTests.Scenario] = S09LivenessProbeTooAggressiveTests.RunAsync,
        [S10NodeLostTests.Scenario] = S10NodeLostTests.RunAsync,
    };

    public static TheoryData<string> Scenarios => [.. Scripts.Keys];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task EndToEndScript_InClusterWithTheManifestsServiceAccount_Passes(string scenario)
    {
        var clock = Stopwatch.StartNew();
        await using var drill = await EndToEndConsole.StartDrillAsync(opsbot.Host, scenario, channel: scenario);

        await Scripts[scenario](drill);

        output.WriteLine($"{scenario}: {clock.Elapsed.TotalSeconds:0.0} s (suite start-up {opsbot.StartDuration.TotalSeconds:0.0} s)");
    }

    [Fact]
    public async Task EveryReadCommandKind_InClusterWithTheManifestsServiceAccount_AnswersWithoutARefusal()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(opsbot.Host, "ecommerce-baseline", channel: "read-commands");
        // Kinds the baseline lacks, so that each command answers about a real object.
        var pod = await RbacProbes.PrepareAsync(opsbot.Simulator, drill);
        var commands = RbacProbes.ReadCommands.Select(command => command.Replace("{pod}", pod, StringComparison.Ordinal)).ToList();

        var refused = new List<string>();
        foreach (var command in commands)
        {
            var reply = await drill.Alice.RunAsync(command);
            var text = ConsoleClient.Text(reply);
            if ((bool)reply["ephemeral"]! || text.Contains("forbidden", StringComparison.OrdinalIgnoreCase) || text.Contains("refused", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add($"{command}:\n{text}");
            }
        }

        Assert.True(refused.Count == 0, string.Join("\n\n", refused));
        Assert.Equal(commands.Count, RbacProbes.ReadCommands.Count);
    }

    [Fact]
    public async Task SetImageToATagNeverPushed_InCluster_VerificationFailsAndTheRevertRestoresTheOldImage()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(opsbot.Host, "ecommerce-baseline", channel: "revert");

        // A scenario's registry holds the images it runs, and no other.
        var card = await drill.RequestAsync("/deploy set-image deploy/catalog catalog=registry.example.com/shop/catalog:9.9.9 -n ecommerce-production");
        await drill.ApproveAsync(card);
        var shown = await drill.WaitForEndAsync(card, ["Reverted"], step: "15s");

        Assert.Contains("cannot be pulled", ConsoleClient.Text(shown), StringComparison.Ordinal);
        var deployment = opsbot.Simulator.Store.Get(BuiltInResources.Deployments.Resource, "ecommerce-production", "catalog");
        var image = (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"];
        Assert.StartsWith("registry.example.com/shop/catalog:", image, StringComparison.Ordinal);
        Assert.NotEqual("registry.example.com/shop/catalog:9.9.9", image);
        var entries = await drill.AuditAsync(card);
        Assert.Contains(("console:bob", "Approved"), entries);
        Assert.Contains(entries, entry => entry.Outcome == "Executed");
    }
}
