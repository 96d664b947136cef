using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>
/// S2, S2b, S6, S8, S11 — a rollout that brought the trouble (or the fix). Symptoms through the real kubectl, then
/// <c>kubectl rollout undo</c> / <c>kubectl set image</c>, then recovery as kubectl shows it.
/// </summary>
public sealed class RolloutScenarioTests
{
    private static string Image(JsonObject status) => (string)status["image"]!;

    private static string? Waiting(JsonObject status) => (string?)status["state"]!["waiting"]?["reason"];

    [Fact]
    public async Task S02_RolloutMissingSecretKey_CreateContainerConfigError_RolloutUndoRecovers()
    {
        await using var c = await ScenarioCluster.StartAsync("s02-rollout-missing-secret-key");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        // RollingUpdate (2 replicas, surge 1, unavailable 0): the new pod never starts, the old ones keep serving.
        var pods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=checkout"));
        var broken = Assert.Single(pods, row => row[2] == "CreateContainerConfigError");
        Assert.Equal(2, pods.Count(row => row[1] == "1/1" && row[2] == "Running"));
        var describe = await c.RunAsync("describe", "pod", broken[0]);
        Assert.Contains("couldn't find key password in Secret ecommerce-production/checkout-db", describe.StdOut, StringComparison.Ordinal);
        var history = await c.RunAsync("rollout", "history", "deploy/checkout");
        Assert.Matches(@"\n1\s+.*\n2\s+", history.StdOut);

        var undo = await c.RunAsync("rollout", "undo", "deploy/checkout");
        Assert.Equal("deployment.apps/checkout rolled back", undo.StdOut.Trim());
        var status = await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(2), "rollout", "status", "deploy/checkout", "--timeout=60s");

        Assert.Equal("deployment \"checkout\" successfully rolled out", status.EnsureSuccess().Lines[^1]);
        var statuses = await c.StatusesAsync("checkout");
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(("registry.example.com/shop/checkout:3.8.1", true), (Image(s), (bool)s["ready"]!)));
        var deployment = await c.GetJsonAsync("get", "deploy", "checkout");
        Assert.Equal("3", (string?)deployment["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]); // revision 1's ReplicaSet, reused
    }

    [Fact]
    public async Task S02b_RolloutMissingEnv_CrashLoopBackOff_RolloutUndoRecovers()
    {
        await using var c = await ScenarioCluster.StartAsync("s02b-rollout-crashloop");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var crashing = (await c.StatusesAsync("frontend")).Where(s => Image(s).EndsWith(":2.15.0", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(crashing);
        Assert.All(crashing, s => Assert.Equal(1, (int)s["lastState"]!["terminated"]!["exitCode"]!));
        Assert.Contains(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=frontend")), row => row[2] == "CrashLoopBackOff");
        var crashed = (await c.PodsAsync("frontend")).First(p => Image(p["status"]!["containerStatuses"]![0]!.AsObject()).EndsWith(":2.15.0", StringComparison.Ordinal));
        var previous = await c.RunAsync("logs", (string)crashed["metadata"]!["name"]!, "--previous");
        Assert.Equal("Error: missing required environment variable SESSION_SECRET", previous.Lines[^1]);

        (await c.RunAsync("rollout", "undo", "deploy/frontend")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(2), "rollout", "status", "deploy/frontend", "--timeout=60s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.All(await c.StatusesAsync("frontend"), s => Assert.Equal(("registry.example.com/shop/frontend:2.14.0", 0, true), (Image(s), (int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S06_WrongImageTag_ImagePullBackOffProgressDeadline_RolloutUndoRecovers()
    {
        await using var c = await ScenarioCluster.StartAsync("s06-image-tag-not-found");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var pulling = (await c.StatusesAsync("catalog")).Where(s => Image(s).EndsWith(":5.3.0", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pulling);
        Assert.All(pulling, s => Assert.Contains(Waiting(s), new[] { "ErrImagePull", "ImagePullBackOff" }));
        Assert.Contains(await c.EventsAsync("Failed"), m => m.EndsWith("registry.example.com/shop/catalog:5.3.0: not found", StringComparison.Ordinal));

        // No progress for progressDeadlineSeconds (120 s): rollout status gives up the way kubectl does.
        var stuck = await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(2), "rollout", "status", "deploy/catalog", "--timeout=60s");
        Assert.Equal(1, stuck.ExitCode);
        Assert.Equal("error: deployment \"catalog\" exceeded its progress deadline", stuck.StdErr.Trim());
        var progressing = (await c.GetJsonAsync("get", "deploy", "catalog"))["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Progressing")!;
        Assert.Equal(("False", "ProgressDeadlineExceeded"), ((string?)progressing["status"], (string?)progressing["reason"]));

        (await c.RunAsync("rollout", "undo", "deploy/catalog")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(2), "rollout", "status", "deploy/catalog", "--timeout=60s")).EnsureSuccess();

        Assert.All(await c.StatusesAsync("catalog"), s => Assert.Equal(("registry.example.com/shop/catalog:5.2.3", true), (Image(s), (bool)s["ready"]!)));
        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=catalog")), row => Assert.Equal(("1/1", "Running"), (row[1], row[2])));
    }

    [Fact]
    public async Task S08_PaymentBug_500sUntilSetImageHotfixRollsOut()
    {
        await using var c = await ScenarioCluster.StartAsync("s08-payment-hotfix");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Contains(await c.LogsAsync("payment"), l => l.StartsWith("ERROR HTTP 500 POST /api/payments", StringComparison.Ordinal));

        var set = await c.RunAsync("set", "image", "deploy/payment", "payment=" + c.Loaded.Scenario.Expected!.Image);
        Assert.Equal("deployment.apps/payment image updated", set.StdOut.Trim());
        var status = await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(3), "rollout", "status", "deploy/payment", "--timeout=120s");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal("deployment \"payment\" successfully rolled out", status.EnsureSuccess().Lines[^1]);
        Assert.All(await c.StatusesAsync("payment"), s => Assert.Equal(("registry.example.com/shop/payment:1.12.1", true), (Image(s), (bool)s["ready"]!)));
        var logs = await c.LogsAsync("payment");
        Assert.DoesNotContain(logs, l => l.StartsWith("ERROR", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.StartsWith("INFO HTTP 200 GET /api/payments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S11_BadRelease_Http500AfterRollout_RolloutUndoEndsThem()
    {
        await using var c = await ScenarioCluster.StartAsync("s11-bad-release-5xx");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(await c.LogsAsync("frontend"), l => l.StartsWith("ERROR", StringComparison.Ordinal));
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var lines = (await c.LogsAsync("frontend")).Where(l => l.Contains(" HTTP ", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count(l => l.StartsWith("ERROR HTTP 500 POST /api/cart", StringComparison.Ordinal)) / (double)lines.Count, 0.35, 0.45);
        Assert.Contains("deploy frontend 2.15.0 (pipeline #", (await c.RunAsync("rollout", "history", "deploy/frontend")).StdOut, StringComparison.Ordinal);

        (await c.RunAsync("rollout", "undo", "deploy/frontend")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(2), "rollout", "status", "deploy/frontend", "--timeout=60s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var after = await c.LogsAsync("frontend");
        Assert.Contains(after, l => l.StartsWith("INFO HTTP 200 ", StringComparison.Ordinal));
        Assert.DoesNotContain(after, l => l.StartsWith("ERROR", StringComparison.Ordinal));
    }
}
