namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class KubeletEnvTests
{
    private const string EnvFromSecret = """
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db-creds, key: password}}
        """;

    [Fact]
    public async Task Reconcile_SecretMissing_CreateContainerConfigError()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("api-1", extra: EnvFromSecret));

        await c.AdvanceAsync(5);

        var waiting = c.Container("api-1")["state"]!["waiting"]!;
        Assert.Equal(("CreateContainerConfigError", "secret \"db-creds\" not found"), ((string?)waiting["reason"], (string?)waiting["message"]));
        Assert.Contains("Warning Failed Error: secret \"db-creds\" not found", c.EventTexts("api-1"));
        Assert.Equal("Pending", (string?)c.Pod("api-1")["status"]!["phase"]);
    }

    [Fact]
    public async Task Reconcile_SecretKeyMissing_CreateContainerConfigErrorNamesKey()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply($"apiVersion: v1\nkind: Secret\nmetadata: {{name: db-creds, namespace: {KubeletCluster.Ns}}}\ndata: {{username: YXBw}}\n");
        c.Apply(KubeletCluster.PodYaml("api-1", extra: EnvFromSecret));

        await c.AdvanceAsync(5);

        Assert.Equal("couldn't find key password in Secret shop/db-creds", (string?)c.Container("api-1")["state"]!["waiting"]!["message"]);
    }

    [Fact]
    public async Task Reconcile_SecretCreatedLater_ContainerStarts()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("api-1", extra: EnvFromSecret + "\nenvFrom: [{configMapRef: {name: settings}}]"));
        await c.AdvanceAsync(5);
        Assert.Equal("configmap \"settings\" not found", (string?)c.Container("api-1")["state"]!["waiting"]!["message"]);

        c.Apply($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings, namespace: {KubeletCluster.Ns}}}\ndata: {{LOG_LEVEL: info}}\n");
        c.Apply($"apiVersion: v1\nkind: Secret\nmetadata: {{name: db-creds, namespace: {KubeletCluster.Ns}}}\nstringData: {{password: s3cret}}\n");
        await c.AdvanceAsync(2);

        Assert.NotNull(c.Container("api-1")["state"]!["running"]);
    }

    [Fact]
    public async Task Reconcile_RequiredEnvAbsent_CrashesWithMissingVariableLog()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("api-2", annotations: "{sim.opsbot.io/requires-env: DATABASE_URL}"));
        c.Apply(KubeletCluster.PodYaml("api-3", annotations: "{sim.opsbot.io/requires-env: DATABASE_URL}", extra: "env: [{name: DATABASE_URL, value: 'postgres://db:5432/shop'}]"));

        await c.AdvanceAsync(30);

        Assert.True(c.Restarts("api-2") >= 2);
        Assert.Equal(("Error", 1), ((string?)c.Container("api-2")["lastState"]!["terminated"]!["reason"], (int)c.Container("api-2")["lastState"]!["terminated"]!["exitCode"]!));
        Assert.Equal("Error: missing required environment variable DATABASE_URL", c.LogLines("api-2", previous: true)[^1]);
        Assert.Equal(0, c.Restarts("api-3"));
    }
}
