using OpsBot.Testing;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary>kubectl commands that change the cluster: patch, apply, scale, cordon, delete.</summary>
public sealed class KubectlChangeTests
{
    private const string Ns = SeededCluster.Namespace;
    private static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    private static readonly GroupVersionResource Nodes = new("", "v1", "nodes");

    private const string Manifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: checkout-config
          namespace: ecommerce-production
        data:
          RETRIES: "3"
          ENABLED: "true"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: checkout
          namespace: ecommerce-production
          labels:
            app: checkout
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: checkout
          template:
            metadata:
              labels:
                app: checkout
            spec:
              containers:
              - name: checkout
                image: registry.example.com/shop/checkout:1.4.2
                env:
                - name: DB_POOL_SIZE
                  value: "20"
                ports:
                - containerPort: 8080
                  protocol: TCP
        """;

    [Fact]
    public async Task Patch_JsonMergeStrategic_EachApplies()
    {
        await using var c = await SeededCluster.StartAsync();

        var merge = await c.KubectlAsync("patch", "deploy", "frontend", "-n", Ns, "--type", "merge", "-p", """{"metadata":{"labels":{"team":"shop"}}}""");
        var json = await c.KubectlAsync("patch", "deploy", "frontend", "-n", Ns, "--type", "json", "-p", """[{"op":"replace","path":"/spec/template/spec/containers/0/resources/limits/memory","value":"2Gi"}]""");
        var strategic = await c.KubectlAsync("patch", "deploy", "frontend", "-n", Ns, "--type", "strategic", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"frontend","env":[{"name":"NODE_OPTIONS","value":"--max-old-space-size=1536"}]}]}}}}""");

        Assert.Equal(["deployment.apps/frontend patched"], merge.EnsureSuccess().Lines);
        Assert.Equal(["deployment.apps/frontend patched"], json.EnsureSuccess().Lines);
        Assert.Equal(["deployment.apps/frontend patched"], strategic.EnsureSuccess().Lines);
        var deployment = c.Simulator.Store.Get(Deployments, Ns, "frontend");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("shop", ObjectMeta.Label(deployment, "team"));
        Assert.Equal("2Gi", container.Str("resources.limits.memory"));
        Assert.Equal(["NODE_ENV=production", "NODE_OPTIONS=--max-old-space-size=1536"], container["env"]!.AsArray().Select(e => $"{e.Str("name")}={e.Str("value")}"));
        Assert.Equal(3, ObjectMeta.Generation(deployment));
    }

    [Fact]
    public async Task Patch_NoChange_SaysNoChange()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("patch", "deploy", "frontend", "-n", Ns, "--type", "merge", "-p", """{"spec":{"replicas":3}}""")).EnsureSuccess();

        Assert.Equal(["deployment.apps/frontend patched (no change)"], r.Lines);
    }

    [Fact]
    public async Task Apply_MultiDocument_CreatesThenUnchangedThenConfigured()
    {
        await using var c = await SeededCluster.StartAsync();
        var file = Path.Combine(Path.GetDirectoryName(c.KubeconfigPath)!, "checkout.yaml");
        await File.WriteAllTextAsync(file, Manifest);

        var created = (await c.KubectlAsync("apply", "-f", file)).EnsureSuccess();
        var unchanged = (await c.KubectlAsync("apply", "-f", file)).EnsureSuccess();
        await File.WriteAllTextAsync(file, Manifest.Replace("replicas: 2", "replicas: 4", StringComparison.Ordinal).Replace("value: \"20\"", "value: \"10\"", StringComparison.Ordinal));
        var configured = (await c.KubectlAsync("apply", "-f", file)).EnsureSuccess();

        Assert.Equal(["configmap/checkout-config created", "deployment.apps/checkout created"], created.Lines);
        Assert.Equal(["configmap/checkout-config unchanged", "deployment.apps/checkout unchanged"], unchanged.Lines);
        Assert.Equal(["configmap/checkout-config unchanged", "deployment.apps/checkout configured"], configured.Lines);
        var deployment = c.Simulator.Store.Get(Deployments, Ns, "checkout");
        Assert.Equal("4", deployment.Str("spec.replicas"));
        Assert.Equal("10", deployment.Str("spec.template.spec.containers.0.env.0.value"));
        Assert.Contains("\"replicas\":4", ObjectMeta.Annotation(deployment, "kubectl.kubernetes.io/last-applied-configuration"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_InvalidDeployment_ReportsServerValidation()
    {
        await using var c = await SeededCluster.StartAsync();
        var file = Path.Combine(Path.GetDirectoryName(c.KubeconfigPath)!, "bad.yaml");
        await File.WriteAllTextAsync(file, Manifest.Split("---")[1].Replace("app: checkout\n  template", "app: other\n  template", StringComparison.Ordinal).Replace("      labels:\n        app: checkout", "      labels:\n        app: other-template", StringComparison.Ordinal));

        var r = await c.KubectlAsync("apply", "-f", file);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("The Deployment \"checkout\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other-template\"}: `selector` does not match template `labels`", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_Deployment_SetsReplicasThroughScaleSubresource()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("scale", "deploy", "frontend", "--replicas", "6", "-n", Ns)).EnsureSuccess();

        Assert.Equal(["deployment.apps/frontend scaled"], r.Lines);
        Assert.Equal("6", c.Simulator.Store.Get(Deployments, Ns, "frontend").Str("spec.replicas"));
    }

    [Fact]
    public async Task CordonUncordon_TogglesUnschedulable()
    {
        await using var c = await SeededCluster.StartAsync();
        const string Node = "ip-10-0-2-22.ec2.internal";

        var cordon = (await c.KubectlAsync("cordon", Node)).EnsureSuccess();
        var nodes = (await c.KubectlAsync("get", "node", Node)).EnsureSuccess();
        var again = (await c.KubectlAsync("cordon", Node)).EnsureSuccess();
        var uncordon = (await c.KubectlAsync("uncordon", Node)).EnsureSuccess();

        Assert.Equal([$"node/{Node} cordoned"], cordon.Lines);
        Assert.StartsWith($"{Node}   Ready,SchedulingDisabled", nodes.Lines[1], StringComparison.Ordinal);
        Assert.Equal([$"node/{Node} already cordoned"], again.Lines);
        Assert.Equal([$"node/{Node} uncordoned"], uncordon.Lines);
        Assert.Equal("false", FieldSelectorValue(c.Simulator.Store.Get(Nodes, null, Node)));
    }

    [Fact]
    public async Task DeletePod_RemovesItAndWaits()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("delete", "pod", SeededCluster.PendingPod, "-n", Ns)).EnsureSuccess();
        var missing = await c.KubectlAsync("get", "pod", SeededCluster.PendingPod, "-n", Ns);

        Assert.Equal([$"pod \"{SeededCluster.PendingPod}\" deleted"], r.Lines);
        Assert.Equal($"Error from server (NotFound): pods \"{SeededCluster.PendingPod}\" not found\n", missing.StdErr);
    }

    [Fact]
    public async Task DeleteDeployment_CascadesToReplicaSetAndPods()
    {
        await using var c = await SeededCluster.StartAsync();

        (await c.KubectlAsync("delete", "deploy", "frontend", "-n", Ns)).EnsureSuccess();
        var left = await c.KubectlAsync("get", "rs,pods", "-n", Ns);

        Assert.Equal($"No resources found in {Ns} namespace.\n", left.StdErr);
    }

    [Fact]
    public async Task Create_FromStdin_CreatesObject()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.Kubectl.RunAsync(["create", "-f", "-"], """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"from-stdin","namespace":"default"},"data":{"a":"1"}}""")).EnsureSuccess();

        Assert.Equal(["configmap/from-stdin created"], r.Lines);
    }

    [Fact]
    public async Task CreateDeploymentGenerator_ProtobufOrJsonBody_IsRefusedWithExplanationOrCreated()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = await c.KubectlAsync("create", "deployment", "web", "--image=nginx:1.27");

        if (KubectlRunner.ClientMinorVersion >= 26)
        {
            // kubectl 1.32 (observed) sends protobuf from typed clients, which the simulator does not decode: a clear 415.
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("accepts JSON bodies only", r.StdErr, StringComparison.Ordinal);
        }
        else
        {
            // kubectl 1.20 (Debian 12, observed) sends JSON, which the simulator stores.
            Assert.Equal("deployment.apps/web created\n", r.EnsureSuccess().StdOut);
        }
    }

    [Fact]
    public async Task DeleteDefaultNamespace_IsForbidden()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var r = await c.KubectlAsync("delete", "namespace", "default");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted\n", r.StdErr);
    }

    private static string FieldSelectorValue(JsonObject node) => OpsBot.ClusterSim.Selectors.FieldSelector.Read(node, "spec.unschedulable");
}
