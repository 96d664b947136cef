using System.Text.Json.Nodes;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// Both overlays of <c>manifests/kubernetes</c> rendered by the real <c>kubectl kustomize</c> (1.32 here; Debian's 1.20,
/// whose kustomize is v2.0.3, on a fresh CI machine): where each object lands, the Deployment's replicas, strategy,
/// probes, security context, resources and credentials, and the network policies.
/// </summary>
public sealed class OverlayRenderTests
{
    private static readonly string[] ClusterScopedKinds = ["ClusterRole", "ClusterRoleBinding", "Namespace"];

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_PutsEveryOpsBotObjectIntoTheOpsbotNamespace(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);

        Assert.Empty(rendered.OfKind("Namespace"));
        foreach (var obj in rendered.Objects.Where(o => !ClusterScopedKinds.Contains((string?)o["kind"])))
        {
            if ((string?)obj["kind"] == "RoleBinding")
            {
                Assert.NotEqual("opsbot", RenderedManifests.Namespace(obj));
                continue;
            }

            Assert.True(RenderedManifests.Namespace(obj) == "opsbot", $"{RenderedManifests.Describe(obj)} should be in opsbot");
        }

        foreach (var kind in new[] { "ServiceAccount", "Deployment", "Service", "ConfigMap", "ClusterRole", "ClusterRoleBinding", "NetworkPolicy", "RoleBinding" })
        {
            Assert.NotEmpty(rendered.OfKind(kind));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_KubectlOnlyWarnsAboutTheKustomizeFieldsKeptForKubectl120(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);

        foreach (var line in rendered.Warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(@"^# Warning: '(bases|patchesStrategicMerge)' is deprecated\.", line);
        }
    }

    [Fact]
    public async Task Render_Single_RunsOneReplicaRecreatedWithSqliteOnAPersistentVolumeClaim()
    {
        var rendered = await RenderedManifests.OverlayAsync("single");
        var spec = rendered.Deployment["spec"]!;

        Assert.Equal(1, (long)spec["replicas"]!);
        Assert.Equal("Recreate", (string?)spec["strategy"]!["type"]);
        Assert.Null(spec["strategy"]!["rollingUpdate"]);
        var data = Volume(rendered, "data");
        Assert.Equal("opsbot-data", (string?)data["persistentVolumeClaim"]?["claimName"]);
        Assert.Null(data["emptyDir"]);
        var claim = rendered.Single("PersistentVolumeClaim", "opsbot-data");
        Assert.Equal(["ReadWriteOnce"], claim["spec"]!["accessModes"]!.AsArray().Select(m => (string?)m));
        Assert.DoesNotContain(rendered.Container["env"]!.AsArray(), e => ((string?)e!["name"])!.StartsWith("Storage__Provider", StringComparison.Ordinal));
        Assert.Equal("/var/lib/opsbot", Mount(rendered, "data"));
        Assert.Empty(rendered.OfKind("PodDisruptionBudget"));
    }

    [Fact]
    public async Task Render_Ha_RunsThreeReplicasOnPostgresRollingWithoutLosingAReadyReplica()
    {
        var rendered = await RenderedManifests.OverlayAsync("ha");
        var spec = rendered.Deployment["spec"]!;

        Assert.Equal(3, (long)spec["replicas"]!);
        Assert.Equal("RollingUpdate", (string?)spec["strategy"]!["type"]);
        Assert.Equal(0, (long)spec["strategy"]!["rollingUpdate"]!["maxUnavailable"]!);
        Assert.Equal(1, (long)spec["strategy"]!["rollingUpdate"]!["maxSurge"]!);
        Assert.Equal("Postgres", (string?)rendered.Env("Storage__Provider")["value"]);
        AssertFromSecret(rendered.Env("Storage__ConnectionString"), "opsbot-postgres", "connection-string", optional: false);
        Assert.Empty(rendered.OfKind("PersistentVolumeClaim"));

        var budget = rendered.Single("PodDisruptionBudget", "opsbot");
        Assert.Equal(1, (long)budget["spec"]!["maxUnavailable"]!);
        Assert.True(JsonNode.DeepEquals(budget["spec"]!["selector"]!["matchLabels"], spec["selector"]!["matchLabels"]));

        var spread = rendered.PodSpec["topologySpreadConstraints"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"], spread.Select(c => (string?)c["topologyKey"]).Order(StringComparer.Ordinal));
        Assert.All(spread, c => Assert.True(JsonNode.DeepEquals(c["labelSelector"]!["matchLabels"], spec["selector"]!["matchLabels"])));
        Assert.NotNull(rendered.PodSpec["affinity"]!["podAntiAffinity"]);

        var postgres = Egress(rendered, "opsbot-egress-postgres");
        Assert.Equal([("TCP", 5432L)], Ports(postgres));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_ProbesHealthzForLivenessAndStartupAndReadyzForReadiness(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var container = rendered.Container;
        var port = Assert.Single(container["ports"]!.AsArray());

        Assert.Equal("http", (string?)port!["name"]);
        Assert.Equal(8080, (long)port["containerPort"]!);
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/healthz", (string?)container["startupProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        foreach (var probe in new[] { "livenessProbe", "startupProbe", "readinessProbe" })
        {
            Assert.Equal("http", (string?)container[probe]!["httpGet"]!["port"]);
        }

        // The startup probe allows minutes (migrations run before the server listens); liveness then reacts in seconds.
        var startup = container["startupProbe"]!;
        Assert.True((long)startup["periodSeconds"]! * (long)startup["failureThreshold"]! >= 120);
        var service = rendered.Single("Service", "opsbot");
        Assert.Equal("http", (string?)service["spec"]!["ports"]![0]!["targetPort"]);
        Assert.True(JsonNode.DeepEquals(service["spec"]!["selector"], rendered.Deployment["spec"]!["selector"]!["matchLabels"]));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_RunsAsNonRootOnAReadOnlyRootWithNothingGranted(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var pod = rendered.PodSpec["securityContext"]!;
        var container = rendered.Container["securityContext"]!;

        Assert.True((bool)pod["runAsNonRoot"]!);
        Assert.Equal(1654, (long)pod["runAsUser"]!);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);
        Assert.True((bool)container["runAsNonRoot"]!);
        Assert.Equal(1654, (long)container["runAsUser"]!);
        Assert.False((bool)container["allowPrivilegeEscalation"]!);
        Assert.True((bool)container["readOnlyRootFilesystem"]!);
        Assert.Equal(["ALL"], container["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        Assert.Null(container["capabilities"]!["add"]);
        Assert.Equal("RuntimeDefault", (string?)container["seccompProfile"]!["type"]);
        Assert.Null(container["privileged"]);

        Assert.Equal("/tmp", Mount(rendered, "tmp"));
        Assert.NotNull(Volume(rendered, "tmp")["emptyDir"]);
        Assert.Equal("opsbot", (string?)rendered.PodSpec["serviceAccountName"]);
        Assert.True((bool)rendered.PodSpec["automountServiceAccountToken"]!);
        Assert.False((bool)rendered.Single("ServiceAccount", "opsbot")["automountServiceAccountToken"]!);
        Assert.Null(rendered.PodSpec["hostNetwork"]);
        Assert.Equal("true", (string?)rendered.Env("Kubernetes__InCluster")["value"]);
        Assert.Equal("registry.example.com/opsbot:0.1.0", (string?)rendered.Container["image"]);
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_SizesMemoryAndLeavesCpuUnthrottled(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var resources = rendered.Container["resources"]!;

        var request = Mebibytes((string)resources["requests"]!["memory"]!);
        var limit = Mebibytes((string)resources["limits"]!["memory"]!);
        // docs/DEPLOY.md#resources: the request covers the working set measured under load, the limit ~1.8 × the peak.
        Assert.InRange(request, 256, 512);
        Assert.True(limit >= 2 * request, $"memory limit {limit}Mi should leave room above the request {request}Mi");
        Assert.NotNull(resources["requests"]!["cpu"]);
        Assert.Null(resources["limits"]!["cpu"]);
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_TakesEveryCredentialFromASecret(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);

        AssertFromSecret(rendered.Env("Console__Token"), "opsbot", "console-token", optional: false);
        AssertFromSecret(rendered.Env("Slack__BotToken"), "opsbot", "slack-bot-token", optional: true);
        AssertFromSecret(rendered.Env("Slack__AppToken"), "opsbot", "slack-app-token", optional: true);
        AssertFromSecret(rendered.Env("Slack__SigningSecret"), "opsbot", "slack-signing-secret", optional: true);
        AssertFromSecret(rendered.Env("Teams__AppId"), "opsbot", "teams-app-id", optional: true);
        AssertFromSecret(rendered.Env("Teams__AppPassword"), "opsbot", "teams-app-password", optional: true);
        AssertFromSecret(rendered.Env("Teams__TenantId"), "opsbot", "teams-tenant-id", optional: true);
        foreach (var env in rendered.Container["env"]!.AsArray().Select(e => e!.AsObject()))
        {
            var name = (string)env["name"]!;
            if (new[] { "Token", "Secret", "Password", "ConnectionString" }.Any(word => name.Contains(word, StringComparison.Ordinal)))
            {
                Assert.True(env["value"] is null, $"{name} must come from a Secret, not a literal value");
            }
        }

        // The console listens beyond loopback, so OpsBot demands the token (Console:Token) at start.
        Assert.Equal("http://+:8080", (string?)rendered.Env("Console__Urls")["value"]);
        Assert.Empty(rendered.OfKind("Secret"));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_MountsItsSettingsOverTheImagesAppSettings(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var config = rendered.Single("ConfigMap");
        var settings = JsonNode.Parse((string)config["data"]!["appsettings.json"]!)!;
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RenderedManifests.Root, "overlays", overlay, "appsettings.json")));

        Assert.StartsWith("opsbot-config-", RenderedManifests.Name(config), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(expected, settings));
        Assert.Equal(RenderedManifests.Name(config), (string?)Volume(rendered, "config")["configMap"]!["name"]);
        var mount = Assert.Single(rendered.Container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "config")!;
        Assert.Equal("/app/appsettings.json", (string?)mount["mountPath"]);
        Assert.Equal("appsettings.json", (string?)mount["subPath"]);
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_BindsExactlyTheNamespacesItsChannelsAllow(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var settings = JsonNode.Parse((string)rendered.Single("ConfigMap")["data"]!["appsettings.json"]!)!;
        var channelNamespaces = settings["Channels"]!["Default"]!["Namespaces"]!.AsArray().Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
        var bindings = rendered.OfKind("RoleBinding").ToList();

        Assert.DoesNotContain("*", channelNamespaces);
        Assert.Equal(channelNamespaces.Order(StringComparer.Ordinal), bindings.Select(b => RenderedManifests.Namespace(b)!).Distinct().Order(StringComparer.Ordinal));
        foreach (var ns in channelNamespaces)
        {
            Assert.Equal(
                ["opsbot-act", "opsbot-read", "opsbot-read-secrets"],
                bindings.Where(b => RenderedManifests.Namespace(b) == ns).Select(b => (string?)b["roleRef"]!["name"]).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_LetsInOnlyTheHttpPortAndOutOnlyDnsTheApiServerAndHttps(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var policies = rendered.OfKind("NetworkPolicy").ToList();
        var podLabels = rendered.Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        Assert.All(policies, p => Assert.All(
            p["spec"]!["podSelector"]!["matchLabels"]!.AsObject(),
            label => Assert.Equal((string?)label.Value, (string?)podLabels[label.Key])));
        var ingress = rendered.Single("NetworkPolicy", "opsbot-ingress");
        Assert.Equal(["Ingress"], ingress["spec"]!["policyTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Equal([("TCP", 8080L)], Ports(Assert.Single(ingress["spec"]!["ingress"]!.AsArray())!.AsObject()));
        Assert.All(policies.Where(p => p != ingress), p => Assert.Equal(["Egress"], p["spec"]!["policyTypes"]!.AsArray().Select(t => (string?)t)));

        Assert.Equal([("TCP", 53L), ("UDP", 53L)], Ports(Egress(rendered, "opsbot-egress-dns")).Order());
        Assert.Equal("kube-dns", (string?)Egress(rendered, "opsbot-egress-dns")["to"]![0]!["podSelector"]!["matchLabels"]!["k8s-app"]);
        Assert.Equal([("TCP", 443L), ("TCP", 6443L)], Ports(Egress(rendered, "opsbot-egress-kubernetes-api")).Order());
        var https = Egress(rendered, "opsbot-egress-https");
        Assert.Equal([("TCP", 443L)], Ports(https));
        var block = https["to"]![0]!["ipBlock"]!;
        Assert.Equal("0.0.0.0/0", (string?)block["cidr"]);
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], block["except"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(overlay == "ha" ? 5 : 4, policies.Count);
    }

    internal static void AssertFromSecret(JsonObject env, string secret, string key, bool optional)
    {
        var reference = env["valueFrom"]?["secretKeyRef"] ?? throw new Xunit.Sdk.XunitException($"{env["name"]} is not read from a Secret");
        Assert.Null(env["value"]);
        Assert.Equal(secret, (string?)reference["name"]);
        Assert.Equal(key, (string?)reference["key"]);
        Assert.Equal(optional, (bool?)reference["optional"] ?? false);
    }

    private static JsonObject Volume(RenderedManifests rendered, string name) =>
        Assert.Single(rendered.PodSpec["volumes"]!.AsArray(), v => (string?)v!["name"] == name)!.AsObject();

    private static string? Mount(RenderedManifests rendered, string name) =>
        (string?)Assert.Single(rendered.Container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == name)!["mountPath"];

    private static JsonObject Egress(RenderedManifests rendered, string policy) =>
        Assert.Single(rendered.Single("NetworkPolicy", policy)["spec"]!["egress"]!.AsArray())!.AsObject();

    private static List<(string Protocol, long Port)> Ports(JsonObject rule) =>
        [.. rule["ports"]!.AsArray().Select(p => ((string?)p!["protocol"] ?? "TCP", (long)p["port"]!))];

    private static int Mebibytes(string quantity) =>
        quantity.EndsWith("Gi", StringComparison.Ordinal) ? int.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024
        : quantity.EndsWith("Mi", StringComparison.Ordinal) ? int.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture)
        : throw new Xunit.Sdk.XunitException($"memory quantity {quantity}: write it in Mi or Gi");
}
