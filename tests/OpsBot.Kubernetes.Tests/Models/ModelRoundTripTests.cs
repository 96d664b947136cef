using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Tests.Models;

/// <summary>Kinds without a shared fixture: typical API server answers, read and written back without loss.</summary>
public sealed class ModelRoundTripTests
{
    private const string Hpa = """
        {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","namespace":"shop","generation":3},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":10,
          "metrics":[
           {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},
           {"type":"Pods","pods":{"metric":{"name":"requests_per_second"},"target":{"type":"AverageValue","averageValue":"1k"}}},
           {"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"web"},"metric":{"name":"hits"},"target":{"type":"Value","value":"10k"}}},
           {"type":"External","external":{"metric":{"name":"queue_depth","selector":{"matchLabels":{"queue":"orders"}}},"target":{"type":"AverageValue","averageValue":30}}},
           {"type":"ContainerResource","containerResource":{"name":"memory","container":"app","target":{"type":"Utilization","averageUtilization":80}}}],
          "behavior":{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]},
                      "scaleDown":{"stabilizationWindowSeconds":300,"policies":[{"type":"Percent","value":100,"periodSeconds":15}]}}},
         "status":{"observedGeneration":3,"lastScaleTime":"2025-05-01T10:00:00Z","currentReplicas":4,"desiredReplicas":5,
          "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"412m","averageUtilization":82}}}],
          "conditions":[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-05-01T09:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"},
                        {"type":"ScalingLimited","status":"False","lastTransitionTime":"2025-05-01T09:00:00Z","reason":"DesiredWithinRange","message":"the desired count is within the acceptable range"}]}}
        """;

    private const string Node = """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","labels":{"kubernetes.io/hostname":"node-1"}},
         "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"],"providerID":"aws:///eu-west-1a/i-0abc","unschedulable":true,
          "taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoSchedule","timeAdded":"2025-05-01T10:00:00Z"},{"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2025-05-01T10:00:05Z"}]},
         "status":{"capacity":{"cpu":"4","memory":"16374584Ki","pods":"110","ephemeral-storage":"101430960Ki"},"allocatable":{"cpu":"3920m","memory":"15223608Ki","pods":"110"},
          "conditions":[{"type":"Ready","status":"Unknown","lastHeartbeatTime":"2025-05-01T09:58:00Z","lastTransitionTime":"2025-05-01T10:00:00Z","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."}],
          "addresses":[{"type":"InternalIP","address":"10.0.1.10"},{"type":"Hostname","address":"node-1"}],
          "nodeInfo":{"machineID":"ec2","systemUUID":"ec2","bootID":"b","kernelVersion":"6.1.0","osImage":"Bottlerocket","containerRuntimeVersion":"containerd://1.7.20","kubeletVersion":"v1.31.2","kubeProxyVersion":"v1.31.2","operatingSystem":"linux","architecture":"amd64"},
          "images":[{"names":["nginx:1.27"],"sizeBytes":72000000}]}}
        """;

    private const string Secret = """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"shop"},"type":"Opaque","data":{"password":"czNjcjN0","empty":""}}
        """;

    private const string ConfigMap = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"app.yaml":"a: 1\n"},"binaryData":{"logo.png":"iVBORw0KGgo="},"immutable":true}
        """;

    private const string Service = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"ClusterIP","selector":{"app":"web"},"clusterIP":"10.96.12.34","clusterIPs":["10.96.12.34"],
         "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"http"},{"name":"metrics","protocol":"TCP","port":9090,"targetPort":9090}],
         "sessionAffinity":"None","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
        """;

    private const string Ingress = """
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","annotations":{"cert-manager.io/cluster-issuer":"letsencrypt"}},
         "spec":{"ingressClassName":"nginx","defaultBackend":{"service":{"name":"fallback","port":{"number":80}}},
          "tls":[{"hosts":["shop.example.com"],"secretName":"shop-tls"}],
          "rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}]},
         "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"}]}}}
        """;

    private const string Scale = """
        {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"shop","resourceVersion":"42"},"spec":{"replicas":5},"status":{"replicas":3,"selector":"app=web"}}
        """;

    private const string Lease = """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"opsbot-leader","namespace":"opsbot"},
         "spec":{"holderIdentity":"opsbot-0","leaseDurationSeconds":15,"acquireTime":"2025-05-01T10:00:00.123456Z","renewTime":"2025-05-01T10:05:00.000001Z","leaseTransitions":2}}
        """;

    private const string PodMetricsList = """
        {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},
         "items":[{"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2025-05-01T10:00:05Z","labels":{"app":"web"}},
                   "timestamp":"2025-05-01T10:00:00Z","window":"30s","containers":[{"name":"app","usage":{"cpu":"12m","memory":"34Mi"}},{"name":"sidecar","usage":{"cpu":"1043022n","memory":"20480Ki"}}]}]}
        """;

    private const string NodeMetricsList = """
        {"kind":"NodeMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},
         "items":[{"metadata":{"name":"node-1"},"timestamp":"2025-05-01T10:00:00Z","window":"20.05s","usage":{"cpu":"246843513n","memory":"2138472Ki"}}]}
        """;

    private const string NamespaceList = """
        {"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"7"},
         "items":[{"metadata":{"name":"shop"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}},{"metadata":{"name":"old","deletionTimestamp":"2025-05-01T10:00:00Z"},"status":{"phase":"Terminating"}}]}
        """;

    private const string ReplicaSet = """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-6d4cf56db6","annotations":{"deployment.kubernetes.io/revision":"4","deployment.kubernetes.io/revision-history":"1,3"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u-1","controller":true,"blockOwnerDeletion":true}]},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"6d4cf56db6"},"matchExpressions":[{"key":"tier","operator":"In","values":["backend"]}]},
          "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"6d4cf56db6"}},"spec":{"containers":[{"name":"app","image":"web:4",
           "env":[{"name":"MODE","value":"prod"},{"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"web","key":"token","optional":false}}},{"name":"LEVEL","valueFrom":{"configMapKeyRef":{"name":"web","key":"level"}}}],
           "envFrom":[{"prefix":"CFG_","configMapRef":{"name":"web-env"}},{"secretRef":{"name":"web-secrets","optional":true}}],
           "startupProbe":{"exec":{"command":["cat","/tmp/ready"]},"failureThreshold":30,"periodSeconds":10},
           "livenessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":15}}],
           "affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"topologyKey":"kubernetes.io/hostname"}}]}},
           "nodeSelector":{"kubernetes.io/os":"linux"}}}},
         "status":{"replicas":3,"fullyLabeledReplicas":3,"readyReplicas":2,"availableReplicas":2,"observedGeneration":5}}
        """;

    public static TheoryData<string, string> Samples() => new()
    {
        { nameof(V2HorizontalPodAutoscaler), Hpa },
        { nameof(V1Node), Node },
        { nameof(V1Secret), Secret },
        { nameof(V1ConfigMap), ConfigMap },
        { nameof(V1Service), Service },
        { nameof(V1Ingress), Ingress },
        { nameof(V1Scale), Scale },
        { nameof(V1Lease), Lease },
        { nameof(PodMetricsList), PodMetricsList },
        { nameof(NodeMetricsList), NodeMetricsList },
        { nameof(V1NamespaceList), NamespaceList },
        { nameof(V1ReplicaSet), ReplicaSet },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Deserialize_TypicalAnswer_RoundTripsWithoutLoss(string type, string json)
    {
        var roundTripped = type switch
        {
            nameof(V2HorizontalPodAutoscaler) => RoundTrip<V2HorizontalPodAutoscaler>(json),
            nameof(V1Node) => RoundTrip<V1Node>(json),
            nameof(V1Secret) => RoundTrip<V1Secret>(json),
            nameof(V1ConfigMap) => RoundTrip<V1ConfigMap>(json),
            nameof(V1Service) => RoundTrip<V1Service>(json),
            nameof(V1Ingress) => RoundTrip<V1Ingress>(json),
            nameof(V1Scale) => RoundTrip<V1Scale>(json),
            nameof(V1Lease) => RoundTrip<V1Lease>(json),
            nameof(PodMetricsList) => RoundTrip<PodMetricsList>(json),
            nameof(NodeMetricsList) => RoundTrip<NodeMetricsList>(json),
            nameof(V1NamespaceList) => RoundTrip<V1NamespaceList>(json),
            nameof(V1ReplicaSet) => RoundTrip<V1ReplicaSet>(json),
            _ => throw new InvalidOperationException(type),
        };

        JsonTreeAssert.Equal(JsonNode.Parse(json), roundTripped);
    }

    [Fact]
    public void Hpa_Spec_ReadsMetricsBehaviorAndStatus()
    {
        var hpa = KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>(Hpa);

        Assert.Equal(("Deployment", "web"), (hpa.Spec!.ScaleTargetRef!.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Equal((2, 10), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        Assert.Equal(["Resource", "Pods", "Object", "External", "ContainerResource"], hpa.Spec.Metrics!.Select(m => m.Type));
        Assert.Equal(70, hpa.Spec.Metrics![0].Resource!.Target!.AverageUtilization);
        Assert.Equal(1000m, hpa.Spec.Metrics[1].Pods!.Target!.AverageValue!.Value.ToDecimal());
        Assert.Equal("Ingress", hpa.Spec.Metrics[2].ObjectProperty!.DescribedObject!.Kind);
        Assert.Equal(30m, hpa.Spec.Metrics[3].External!.Target!.AverageValue!.Value.ToDecimal());
        Assert.Equal("app", hpa.Spec.Metrics[4].ContainerResource!.Container);
        Assert.Equal(300, hpa.Spec.Behavior!.ScaleDown!.StabilizationWindowSeconds);
        Assert.Equal([4, 100], hpa.Spec.Behavior.ScaleUp!.Policies!.Select(p => p.Value ?? 0));
        Assert.Equal((4, 5), (hpa.Status!.CurrentReplicas, hpa.Status.DesiredReplicas));
        Assert.Equal(412, hpa.Status.CurrentMetrics![0].Resource!.Current!.AverageValue!.Value.ToMillicores());
        Assert.Equal("DesiredWithinRange", hpa.Status.Conditions![1].Reason);
    }

    [Fact]
    public void Node_Status_ReadsLostNode()
    {
        var node = KubernetesJson.Deserialize<V1Node>(Node);

        Assert.True(node.Spec!.Unschedulable);
        Assert.Equal(["NoSchedule", "NoExecute"], node.Spec.Taints!.Select(t => t.Effect));
        var ready = Assert.Single(node.Status!.Conditions!);
        Assert.Equal(("Unknown", "NodeStatusUnknown"), (ready.Status, ready.Reason));
        Assert.Equal(3920, node.Status.Allocatable!["cpu"].ToMillicores());
        Assert.Equal(16374584L * 1024, node.Status.Capacity!["memory"].ToBytes());
        Assert.Equal("v1.31.2", node.Status.NodeInfo!.KubeletVersion);
        Assert.True(node.Status.ExtensionData!.ContainsKey("images"));
    }

    [Fact]
    public void Secret_Data_IsDecodedBytesAndWrittenAsBase64()
    {
        var secret = KubernetesJson.Deserialize<V1Secret>(Secret);

        Assert.Equal("s3cr3t", Encoding.UTF8.GetString(secret.Data!["password"]));
        Assert.Empty(secret.Data["empty"]);

        var created = new V1Secret
        {
            ApiVersion = V1Secret.KubeApiVersion,
            Kind = V1Secret.KubeKind,
            Metadata = new V1ObjectMeta { Name = "token" },
            Data = new Dictionary<string, byte[]> { ["token"] = "abc"u8.ToArray() },
            StringData = new Dictionary<string, string> { ["user"] = "opsbot" },
        };
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"token"},"data":{"token":"YWJj"},"stringData":{"user":"opsbot"}}""",
            KubernetesJson.Serialize(created));
    }

    [Fact]
    public void Lease_MicroTimes_KeepMicroseconds()
    {
        var lease = KubernetesJson.Deserialize<V1Lease>(Lease);

        Assert.Equal(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560), lease.Spec!.AcquireTime);
        Assert.Equal("opsbot-0", lease.Spec.HolderIdentity);
        Assert.Contains("\"renewTime\":\"2025-05-01T10:05:00.000001Z\"", KubernetesJson.Serialize(lease), StringComparison.Ordinal);
    }

    [Fact]
    public void PodMetrics_Usage_ReadsQuantities()
    {
        IKubernetesList<PodMetrics> list = KubernetesJson.Deserialize<PodMetricsList>(PodMetricsList);

        var pod = Assert.Single(list.Items);
        Assert.Equal("30s", pod.Window);
        Assert.Equal(12, pod.Containers![0].Usage!["cpu"].ToMillicores());
        Assert.Equal(34L * 1024 * 1024, pod.Containers[0].Usage!["memory"].ToBytes());
        Assert.Equal(2, pod.Containers[1].Usage!["cpu"].ToMillicores()); // 1.043022m rounds up
    }

    [Fact]
    public void Ingress_Spec_ReadsTlsRulesAndBackends()
    {
        var ingress = KubernetesJson.Deserialize<V1Ingress>(Ingress);

        Assert.Equal("nginx", ingress.Spec!.IngressClassName);
        Assert.Equal(("shop-tls", "shop.example.com"), (ingress.Spec.Tls![0].SecretName, ingress.Spec.Tls[0].Hosts![0]));
        Assert.Equal(80, ingress.Spec.DefaultBackend!.Service!.Port!.Number);
        Assert.Equal("http", ingress.Spec.Rules![0].Http!.Paths![0].Backend!.Service!.Port!.Name);
    }

    [Fact]
    public void ReplicaSet_Template_ReadsEnvSourcesProbesAndSelector()
    {
        var replicaSet = KubernetesJson.Deserialize<V1ReplicaSet>(ReplicaSet);

        Assert.Equal("4", replicaSet.Metadata!.Annotations![KubernetesAnnotations.Revision]);
        Assert.Equal("In", replicaSet.Spec!.Selector!.MatchExpressions![0].OperatorProperty);
        var container = replicaSet.Spec.Template!.Spec!.Containers![0];
        Assert.Equal("token", container.Env![1].ValueFrom!.SecretKeyRef!.Key);
        Assert.Equal("level", container.Env[2].ValueFrom!.ConfigMapKeyRef!.Key);
        Assert.Equal("CFG_", container.EnvFrom![0].Prefix);
        Assert.True(container.EnvFrom[1].SecretRef!.Optional);
        Assert.Equal(["cat", "/tmp/ready"], container.StartupProbe!.Exec!.Command!);
        Assert.Equal(8080, container.LivenessProbe!.TcpSocket!.Port!.Value.IntValue);
        Assert.NotNull(replicaSet.Spec.Template.Spec.Affinity);
        Assert.Equal("linux", replicaSet.Spec.Template.Spec.NodeSelector!["kubernetes.io/os"]);
    }

    [Fact]
    public void Scale_Status_ReadsSelector()
    {
        var scale = KubernetesJson.Deserialize<V1Scale>(Scale);

        Assert.Equal((5, 3, "app=web"), (scale.Spec!.Replicas, scale.Status!.Replicas, scale.Status.Selector));
    }

    private static JsonNode RoundTrip<T>(string json) => JsonNode.Parse(KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(json)))!;
}
