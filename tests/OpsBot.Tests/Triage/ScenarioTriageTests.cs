using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.Commands;

namespace OpsBot.Tests.Triage;

/// <summary>
/// Every incident scenario of the simulator, run by its controllers and asked /triage through the real pipeline:
/// the top finding is the scenario's expected diagnosis on its resource, with its suggested action as a button.
/// </summary>
public sealed class ScenarioTriageTests
{
    // Triage names incident classes; S8 is a process scenario whose symptom triage sees is the error rate.
    private static readonly Dictionary<string, string> KindFor = new(StringComparer.Ordinal) { ["PaymentBugHotfix"] = "HighErrorRate" };

    public static TheoryData<string, int> Scenarios => new()
    {
        { "s01-frontend-memory-leak", 720 },
        { "s02-rollout-missing-secret-key", 180 },
        { "s02b-rollout-crashloop", 180 },
        { "s03-flash-sale-hpa-at-max", 180 },
        { "s04-db-connection-pool-exhaustion", 180 },
        { "s05-jvm-heap-oom", 600 },
        { "s06-image-tag-not-found", 255 },
        { "s07-tls-certificate-expired", 60 },
        { "s08-payment-hotfix", 180 },
        { "s09-liveness-probe-too-aggressive", 240 },
        { "s10-node-lost", 210 },
        { "s11-bad-release-5xx", 240 },
        { "s12-redis-maxmemory", 120 },
        { "x01-init-migration-db-unreachable", 240 },
        { "x02-sidecar-log-shipper-crashloop", 300 },
        { "x03-liveness-probe-wrong-port", 300 },
        { "x04-service-selector-mismatch", 180 },
        { "x05-node-selector-missing-pool", 120 },
        { "x06-cronjob-backoff-limit", 960 },
        { "x07-statefulset-unbound-claim", 240 },
        { "x08-node-disk-pressure", 420 },
        { "x09-readiness-probe-wrong-path", 240 },
        { "x10-hpa-sidecar-without-cpu-request", 240 },
        { "x11-configmap-volume-missing", 240 },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_TopFindingIsTheExpectedDiagnosisWithItsAction(string scenario, int seconds)
    {
        var expected = ScenarioCatalog.Default.Get(scenario).Expected!;
        await using var cluster = await TriageCluster.ScenarioAsync(scenario, TimeSpan.FromSeconds(seconds));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root ?? throw new Xunit.Sdk.XunitException($"no root cause for {scenario}; findings: {string.Join(", ", answer.Kinds)}\n{answer.Text}");
        Assert.Equal(KindFor.GetValueOrDefault(expected.Diagnosis, expected.Diagnosis), (string?)root["kind"]);
        Assert.Equal(expected.Resource, (string?)root["resource"]);
        Assert.Equal(answer.Findings[0], root);
        var action = TriageAnswer.Actions(root).FirstOrDefault(a => (string?)a["kind"] == expected.SuggestedAction)
            ?? throw new Xunit.Sdk.XunitException($"{scenario}: no {expected.SuggestedAction} among {string.Join(", ", TriageAnswer.Actions(root).Select(a => (string?)a["kind"]))}");
        Assert.Equal(expected.SuggestedAction, (string?)TriageAnswer.Actions(root)[0]["kind"]);
        Assert.NotEmpty((string?)root["summary"] ?? string.Empty);
        if (expected.Container is { } container)
        {
            // The failing container is named in the title and in every per-container command.
            Assert.Contains(container, (string)root["title"]!, StringComparison.Ordinal);
            foreach (var text in TriageAnswer.Actions(root).SelectMany(a => a["commands"]!.AsArray()).Select(c => (string)c!["text"]!).Where(t => t.Contains(" -c ", StringComparison.Ordinal)))
            {
                Assert.Contains($" -c {container} ", text + " ", StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(root["evidence"]!.AsArray());
        Assert.Empty(answer.Missing);

        // Each proposed command is a button that runs it as the presser (command.run), and parses as a command.
        var buttons = answer.Reply.Message.Buttons.Where(b => b.ActionId == RunCommandButton.ActionId).Select(b => b.Value).ToList();
        foreach (var command in action["commands"]!.AsArray().Select(c => (string)c!["text"]!))
        {
            Assert.Contains(command, buttons);
            if (!command.Contains(" node/", StringComparison.Ordinal))
            {
                Assert.Contains("-n ecommerce-production", command, StringComparison.Ordinal);
            }
        }

        if (expected.Image is { } image)
        {
            // Triage cannot know a hotfix tag: it proposes the set-image with the tag to fill in.
            var template = (string)action["template"]!;
            Assert.Equal($"/deploy set-image deploy/payment payment={image} -n ecommerce-production", template.Replace("registry.example.com/shop/payment:FIXED_TAG", image, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task S01_MemoryLeak_RaisesTheLimitAboveWhereTheLeakGoesAndExplainsTheHpa()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s01-frontend-memory-leak", TimeSpan.FromMinutes(12));

        var answer = await cluster.AskAsync("/triage frontend");

        var root = answer.Root!;
        Assert.Equal("deploy/frontend", $"deploy/{answer.Report!["target"]!["name"]}");
        var resources = TriageAnswer.Actions(root).Single(a => (string?)a["kind"] == "raise-memory-limit");
        Assert.Equal(("frontend", "1536Mi", "768Mi"), ((string?)resources["container"], (string?)resources["memoryLimit"], (string?)resources["memoryRequest"]));
        Assert.Equal("/k8s set-resources deploy/frontend -c frontend --memory-limit 1536Mi --memory-request 768Mi -n ecommerce-production", (string)resources["commands"]![0]!["text"]!);
        Assert.Contains(root["evidence"]!.AsArray(), e => ((string)e!["text"]!).Contains("JavaScript heap out of memory", StringComparison.Ordinal));
        var hpa = answer.Findings.Single(f => (string?)f["kind"] == "HpaAtMax");
        Assert.Equal((string?)root["id"], (string?)hpa["causedBy"]);
        Assert.Contains("Root cause", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S02_Rollout_RollbackToThePreviousRevisionAndTheConfigErrorIsItsSymptom()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s02-rollout-missing-secret-key", TimeSpan.FromMinutes(3));

        var answer = await cluster.AskAsync("/triage deploy/checkout");

        var root = answer.Root!;
        var rollback = TriageAnswer.Actions(root).Single(a => (string?)a["kind"] == "rollback");
        Assert.Equal("/rollback deploy/checkout --to-revision 1 -n ecommerce-production", (string)rollback["commands"]![0]!["text"]!);
        Assert.Contains(root["evidence"]!.AsArray(), e => ((string)e!["text"]!).Contains("couldn't find key password in Secret", StringComparison.Ordinal));
        var config = answer.Findings.Single(f => (string?)f["kind"] == "CreateContainerConfigError");
        Assert.Equal((string?)root["id"], (string?)config["causedBy"]);
        Assert.Contains("secret/checkout-db", config["resources"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task Baseline_Healthy_NoWarningsOrCriticals()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("ecommerce-baseline", TimeSpan.FromMinutes(5));

        var answer = await cluster.AskAsync("/triage");

        Assert.Null(answer.Root);
        Assert.True((bool)answer.Report!["healthy"]!);
        Assert.DoesNotContain(answer.Findings, f => (string?)f["severity"] != "info");
        Assert.Contains("No problems found", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Missing);
    }
}
