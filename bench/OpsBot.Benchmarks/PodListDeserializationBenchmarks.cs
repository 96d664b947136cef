using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;

namespace OpsBot.Benchmarks;

/// <summary>
/// Deserializing a 10,000-pod <c>PodList</c> (the answer to <c>GET /api/v1/pods</c> on a mid-size cluster) with
/// the official client's <see cref="KubernetesJson"/> (the models OpsBot reads since it moved onto KubernetesClient), from a string and from a stream.
/// </summary>
[MemoryDiagnoser]
public class PodListDeserializationBenchmarks
{
    private const int PodCount = 10_000;

    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var items = new JsonArray();
        for (var i = 0; i < PodCount; i++)
        {
            items.Add(TemplatePod(i));
        }

        var list = new JsonObject
        {
            ["kind"] = "PodList",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "98765432" },
            ["items"] = items,
        };
        _json = Encoding.UTF8.GetBytes(list.ToJsonString());
    }

    /// <summary>The size of the payload, for the report.</summary>
    public int PayloadBytes => _json.Length;

    [Benchmark(Baseline = true)]
    public int FromString() => KubernetesJson.Deserialize<V1PodList>(System.Text.Encoding.UTF8.GetString(_json)).Items.Count;

    [Benchmark]
    public async Task<int> FromStream()
    {
        using var stream = new MemoryStream(_json, writable: false);
        var list = KubernetesJson.Deserialize<V1PodList>(stream);
        return await Task.FromResult(list.Items.Count).ConfigureAwait(false);
    }

    private static JsonNode TemplatePod(int i)
    {
        var app = "checkout-" + (i % 50).ToString(CultureInfo.InvariantCulture);
        var hash = (0x5f7d9c4b00 + (i / 10)).ToString("x10", CultureInfo.InvariantCulture);
        var name = $"{app}-{hash}-{i:x5}";
        var uid = new Guid(i, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8).ToString();
        const string Time = "2025-03-14T09:26:53Z";
        return JsonNode.Parse($$"""
            {
              "kind": "Pod", "apiVersion": "v1",
              "metadata": {
                "name": "{{name}}", "generateName": "{{app}}-{{hash}}-", "namespace": "shop-{{i % 20}}",
                "uid": "{{uid}}", "resourceVersion": "{{1_000_000 + i}}", "creationTimestamp": "{{Time}}",
                "labels": { "app": "{{app}}", "pod-template-hash": "{{hash}}", "app.kubernetes.io/part-of": "shop", "tier": "backend" },
                "annotations": {
                  "prometheus.io/scrape": "true", "prometheus.io/port": "9090",
                  "kubectl.kubernetes.io/restartedAt": "2025-03-14T09:20:00Z"
                },
                "ownerReferences": [
                  { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "{{app}}-{{hash}}", "uid": "{{uid}}", "controller": true, "blockOwnerDeletion": true }
                ],
                "managedFields": [
                  { "manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1", "time": "{{Time}}", "fieldsType": "FieldsV1",
                    "fieldsV1": { "f:metadata": { "f:generateName": {}, "f:labels": { ".": {}, "f:app": {}, "f:pod-template-hash": {} } },
                                  "f:spec": { "f:containers": { "k:{\"name\":\"app\"}": { ".": {}, "f:image": {}, "f:resources": { "f:limits": {}, "f:requests": {} } } } } } },
                  { "manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": "{{Time}}", "fieldsType": "FieldsV1", "subresource": "status",
                    "fieldsV1": { "f:status": { "f:conditions": {}, "f:containerStatuses": {}, "f:hostIP": {}, "f:phase": {}, "f:podIP": {}, "f:startTime": {} } } }
                ]
              },
              "spec": {
                "volumes": [
                  { "name": "config", "configMap": { "name": "{{app}}-config", "defaultMode": 420 } },
                  { "name": "kube-api-access", "projected": { "sources": [ { "serviceAccountToken": { "expirationSeconds": 3607, "path": "token" } } ], "defaultMode": 420 } }
                ],
                "initContainers": [
                  { "name": "migrate", "image": "registry.example.com/shop/{{app}}:1.{{i % 30}}.0", "command": ["/app/migrate"], "args": ["--wait"],
                    "resources": { "requests": { "cpu": "50m", "memory": "64Mi" } }, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent" }
                ],
                "containers": [
                  { "name": "app", "image": "registry.example.com/shop/{{app}}:1.{{i % 30}}.0", "args": ["--port=8080", "--log-level=info"],
                    "ports": [ { "name": "http", "containerPort": 8080, "protocol": "TCP" }, { "name": "metrics", "containerPort": 9090, "protocol": "TCP" } ],
                    "env": [
                      { "name": "ASPNETCORE_ENVIRONMENT", "value": "Production" },
                      { "name": "DB_PASSWORD", "valueFrom": { "secretKeyRef": { "name": "{{app}}-db", "key": "password" } } },
                      { "name": "POD_IP", "valueFrom": { "fieldRef": { "apiVersion": "v1", "fieldPath": "status.podIP" } } }
                    ],
                    "envFrom": [ { "configMapRef": { "name": "{{app}}-env" } } ],
                    "resources": { "limits": { "cpu": "1", "memory": "512Mi" }, "requests": { "cpu": "250m", "memory": "256Mi" } },
                    "livenessProbe": { "httpGet": { "path": "/healthz", "port": "http", "scheme": "HTTP" }, "initialDelaySeconds": 10, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3 },
                    "readinessProbe": { "httpGet": { "path": "/ready", "port": 8080, "scheme": "HTTP" }, "timeoutSeconds": 1, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 3 },
                    "volumeMounts": [ { "name": "config", "mountPath": "/etc/app", "readOnly": true }, { "name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true } ],
                    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent",
                    "securityContext": { "runAsNonRoot": true, "readOnlyRootFilesystem": true, "allowPrivilegeEscalation": false }
                  },
                  { "name": "istio-proxy", "image": "docker.io/istio/proxyv2:1.22.1", "args": ["proxy", "sidecar"],
                    "ports": [ { "name": "http-envoy-prom", "containerPort": 15090, "protocol": "TCP" } ],
                    "resources": { "limits": { "cpu": "2", "memory": "1Gi" }, "requests": { "cpu": "100m", "memory": "128Mi" } },
                    "readinessProbe": { "httpGet": { "path": "/healthz/ready", "port": 15021, "scheme": "HTTP" }, "initialDelaySeconds": 1, "timeoutSeconds": 3, "periodSeconds": 2, "successThreshold": 1, "failureThreshold": 30 },
                    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent" }
                ],
                "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                "serviceAccountName": "{{app}}", "serviceAccount": "{{app}}", "nodeName": "node-{{i % 40}}.eu-west-1.compute.internal",
                "securityContext": { "fsGroup": 2000 }, "schedulerName": "default-scheduler",
                "tolerations": [
                  { "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 },
                  { "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 }
                ],
                "priority": 0, "enableServiceLinks": true, "preemptionPolicy": "PreemptLowerPriority"
              },
              "status": {
                "phase": "Running",
                "conditions": [
                  { "type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": "{{Time}}" },
                  { "type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": "{{Time}}" },
                  { "type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "{{Time}}" },
                  { "type": "ContainersReady", "status": "True", "lastProbeTime": null, "lastTransitionTime": "{{Time}}" },
                  { "type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": "{{Time}}" }
                ],
                "hostIP": "10.0.{{i % 40}}.10", "hostIPs": [ { "ip": "10.0.{{i % 40}}.10" } ],
                "podIP": "10.244.{{i / 250}}.{{i % 250}}", "podIPs": [ { "ip": "10.244.{{i / 250}}.{{i % 250}}" } ],
                "startTime": "{{Time}}",
                "initContainerStatuses": [
                  { "name": "migrate", "state": { "terminated": { "exitCode": 0, "reason": "Completed", "startedAt": "{{Time}}", "finishedAt": "{{Time}}", "containerID": "containerd://{{hash}}{{i:x8}}a" } },
                    "lastState": {}, "ready": true, "restartCount": 0, "image": "registry.example.com/shop/{{app}}:1.{{i % 30}}.0", "imageID": "registry.example.com/shop/{{app}}@sha256:{{hash}}{{hash}}", "containerID": "containerd://{{hash}}{{i:x8}}a", "started": false }
                ],
                "containerStatuses": [
                  { "name": "app", "state": { "running": { "startedAt": "{{Time}}" } },
                    "lastState": { "terminated": { "exitCode": 137, "reason": "OOMKilled", "startedAt": "{{Time}}", "finishedAt": "{{Time}}", "containerID": "containerd://{{hash}}{{i:x8}}b" } },
                    "ready": true, "restartCount": {{i % 4}}, "image": "registry.example.com/shop/{{app}}:1.{{i % 30}}.0", "imageID": "registry.example.com/shop/{{app}}@sha256:{{hash}}{{hash}}", "containerID": "containerd://{{hash}}{{i:x8}}c", "started": true },
                  { "name": "istio-proxy", "state": { "running": { "startedAt": "{{Time}}" } }, "lastState": {},
                    "ready": true, "restartCount": 0, "image": "docker.io/istio/proxyv2:1.22.1", "imageID": "docker.io/istio/proxyv2@sha256:{{hash}}", "containerID": "containerd://{{hash}}{{i:x8}}d", "started": true }
                ],
                "qosClass": "Burstable"
              }
            }
            """)!;
    }
}
