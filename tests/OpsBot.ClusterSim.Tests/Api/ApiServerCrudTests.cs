using System.Net;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerCrudTests
{
    private const string Ns = SeededCluster.Namespace;
    private const string Pods = $"api/v1/namespaces/{Ns}/pods";
    private const string Deployment = $"apis/apps/v1/namespaces/{Ns}/deployments/frontend";

    [Fact]
    public async Task Create_KeepsWhatWasSentAndFillsOwnedMetadata()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        const string Pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"job-","labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]},"status":{"phase":"Succeeded"}}""";

        var (status, created) = await c.Http.SendAsync(HttpMethod.Post, "api/v1/namespaces/default/pods", Pod);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Matches("^job-[a-z0-9]{5}$", created.Str("metadata.name"));
        Assert.Equal(("default", "Succeeded", "2026-11-20T03:00:00Z"), (created.Str("metadata.namespace"), created.Str("status.phase"), created.Str("metadata.creationTimestamp")));
        Assert.NotEmpty(created.Str("metadata.uid"));
    }

    [Fact]
    public async Task List_AllNamespacesWithSelectors_FiltersAndNamesListKind()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, all) = await c.Http.GetJsonAsync("api/v1/pods");
        var (_, running) = await c.Http.GetJsonAsync("api/v1/pods?fieldSelector=status.phase%3DRunning&labelSelector=app%20in%20(frontend),tier%3Dweb");
        var (_, onNode) = await c.Http.GetJsonAsync("api/v1/pods?fieldSelector=spec.nodeName%3Dip-10-0-1-11.ec2.internal");

        Assert.Equal(("PodList", "v1", 3), (all.Str("kind"), all.Str("apiVersion"), all!["items"]!.AsArray().Count));
        Assert.Equal(2, running!["items"]!.AsArray().Count);
        Assert.Equal([SeededCluster.RunningPod], onNode!["items"]!.AsArray().Select(p => p.Str("metadata.name")));
        Assert.NotEmpty(all.Str("metadata.resourceVersion"));
    }

    [Fact]
    public async Task List_EventsForInvolvedObject_AsDescribeAsks()
    {
        await using var c = await SeededCluster.StartAsync();
        var uid = c.Uids[$"Pod/{SeededCluster.CrashingPod}"];

        var (_, events) = await c.Http.GetJsonAsync($"api/v1/namespaces/{Ns}/events?fieldSelector=involvedObject.name%3D{SeededCluster.CrashingPod},involvedObject.namespace%3D{Ns},involvedObject.kind%3DPod,involvedObject.uid%3D{uid}");

        Assert.Equal(["Pulled", "BackOff"], events!["items"]!.AsArray().Select(e => e.Str("reason")));
    }

    [Fact]
    public async Task List_PagedWithContinue_ReturnsEveryItemOnce()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        for (var i = 0; i < 12; i++)
        {
            await c.Http.SendAsync(HttpMethod.Post, "api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"cm-" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "\"}}");
        }

        var names = new List<string>();
        string? token = null;
        do
        {
            var (_, page) = await c.Http.GetJsonAsync("api/v1/namespaces/default/configmaps?limit=5" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token)));
            names.AddRange(page!["items"]!.AsArray().Select(i => i.Str("metadata.name")));
            token = page["metadata"]!["continue"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"cm-{i:D2}"), names);
    }

    [Fact]
    public async Task Put_MainEndpoint_IgnoresStatusForKindsWithStatusSubresource()
    {
        await using var c = await SeededCluster.StartAsync();
        var (_, deployment) = await c.Http.GetJsonAsync(Deployment);
        deployment!["status"]!["readyReplicas"] = 99;
        deployment["spec"]!["replicas"] = 4;

        var (status, updated) = await c.Http.SendAsync(HttpMethod.Put, Deployment, deployment.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("4", "1", "2"), (updated.Str("spec.replicas"), updated.Str("status.readyReplicas"), updated.Str("metadata.generation")));
    }

    [Fact]
    public async Task Patch_MergeOnMainEndpoint_IgnoresStatusAndKeepsGenerationForMetadata()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, patched) = await c.Http.SendAsync(HttpMethod.Patch, Deployment, """{"metadata":{"labels":{"x":"y"}},"status":{"replicas":42}}""", "application/merge-patch+json");

        Assert.Equal(("y", "3", "1"), (patched.Str("metadata.labels.x"), patched.Str("status.replicas"), patched.Str("metadata.generation")));
    }

    [Fact]
    public async Task Patch_StrategicContainerImage_BumpsGeneration()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, patched) = await c.Http.SendAsync(HttpMethod.Patch, Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"frontend","image":"frontend:2.14.1"}]}}}}""", "application/strategic-merge-patch+json");

        Assert.Equal("frontend:2.14.1", patched.Str("spec.template.spec.containers.0.image"));
        Assert.Equal("NODE_ENV", patched.Str("spec.template.spec.containers.0.env.0.name"));
        Assert.Equal("2", patched.Str("metadata.generation"));
    }

    [Fact]
    public async Task Patch_JsonPatch_ReplacesTemplate()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, patched) = await c.Http.SendAsync(HttpMethod.Patch, Deployment, """[{"op":"replace","path":"/spec/template/spec/containers/0/resources/limits/memory","value":"2Gi"},{"op":"add","path":"/metadata/annotations/opsbot.io~1workflow","value":"wf-1"}]""", "application/json-patch+json");

        Assert.Equal(("2Gi", "wf-1"), (patched.Str("spec.template.spec.containers.0.resources.limits.memory"), patched!["metadata"]!["annotations"]!["opsbot.io/workflow"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Status_PutAndPatch_ChangeOnlyStatus()
    {
        await using var c = await SeededCluster.StartAsync();
        var url = $"{Pods}/{SeededCluster.PendingPod}/status";

        var (_, patched) = await c.Http.SendAsync(HttpMethod.Patch, url, """{"spec":{"nodeName":"n"},"status":{"phase":"Running","conditions":[{"type":"PodScheduled","status":"True"}]}}""", "application/strategic-merge-patch+json");
        var (_, got) = await c.Http.GetJsonAsync(url);

        Assert.Equal(("Running", "True", ""), (patched.Str("status.phase"), patched.Str("status.conditions.0.status"), patched.Str("spec.nodeName")));
        Assert.Equal("Unschedulable", patched.Str("status.conditions.0.reason"));
        Assert.Equal("Running", got.Str("status.phase"));
    }

    [Fact]
    public async Task Scale_GetAndMergePatch_ReadsAndSetsReplicas()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, scale) = await c.Http.GetJsonAsync($"{Deployment}/scale");
        var (_, scaled) = await c.Http.SendAsync(HttpMethod.Patch, $"{Deployment}/scale", """{"spec":{"replicas":7}}""", "application/merge-patch+json");
        var (_, deployment) = await c.Http.GetJsonAsync(Deployment);

        Assert.Equal(("Scale", "autoscaling/v1", "3", "3", "app=frontend"), (scale.Str("kind"), scale.Str("apiVersion"), scale.Str("spec.replicas"), scale.Str("status.replicas"), scale.Str("status.selector")));
        Assert.Equal("7", scaled.Str("spec.replicas"));
        Assert.Equal(("7", "2"), (deployment.Str("spec.replicas"), deployment.Str("metadata.generation")));
    }

    [Fact]
    public async Task Scale_PutWithStaleResourceVersion_IsConflict()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, _) = await c.Http.SendAsync(HttpMethod.Put, $"apis/apps/v1/namespaces/{Ns}/replicasets/frontend-7d9c8b6f5d/scale", """{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"frontend-7d9c8b6f5d","resourceVersion":"1"},"spec":{"replicas":1}}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Delete_Deployment_ReturnsSuccessStatusAndCascades()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, body) = await c.Http.SendAsync(HttpMethod.Delete, Deployment);
        var (_, pods) = await c.Http.GetJsonAsync(Pods);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Status", "Success", "deployments"), (body.Str("kind"), body.Str("status"), body.Str("details.kind")));
        Assert.Empty(pods!["items"]!.AsArray());
    }

    [Fact]
    public async Task Delete_Pod_ReturnsThePod()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, body) = await c.Http.SendAsync(HttpMethod.Delete, $"{Pods}/{SeededCluster.PendingPod}");

        Assert.Equal(("Pod", SeededCluster.PendingPod), (body.Str("kind"), body.Str("metadata.name")));
    }

    [Fact]
    public async Task DryRun_CreatePatchDelete_StoreNothing()
    {
        await using var c = await SeededCluster.StartAsync();
        var before = c.Simulator.Store.ResourceVersion;

        var (created, _) = await c.Http.SendAsync(HttpMethod.Post, $"api/v1/namespaces/{Ns}/configmaps?dryRun=All&fieldManager=kubectl", """{"metadata":{"name":"dry"}}""");
        var (patched, body) = await c.Http.SendAsync(HttpMethod.Patch, $"{Deployment}?dryRun=All", """{"spec":{"replicas":9}}""", "application/merge-patch+json");
        await c.Http.SendAsync(HttpMethod.Delete, $"{Deployment}?dryRun=All");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, "9"), (created, patched, body.Str("spec.replicas")));
        Assert.Equal(before, c.Simulator.Store.ResourceVersion);
    }

    [Fact]
    public async Task Update_NameMismatch_IsBadRequest()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, _) = await c.Http.SendAsync(HttpMethod.Put, $"api/v1/namespaces/{Ns}/configmaps/frontend-config", """{"metadata":{"name":"other"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Hpa_ServedAsAutoscalingV1AndV2_SameObject()
    {
        await using var c = await SeededCluster.StartAsync();

        var (v2, _) = await c.Http.GetJsonAsync($"apis/autoscaling/v2/namespaces/{Ns}/horizontalpodautoscalers/frontend");
        var (v1, body) = await c.Http.GetJsonAsync($"apis/autoscaling/v1/namespaces/{Ns}/horizontalpodautoscalers/frontend");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (v2, v1));
        Assert.Equal("10", body.Str("spec.maxReplicas"));
    }

    [Fact]
    public async Task Namespace_GetAndDelete_TakesContents()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, ns) = await c.Http.GetJsonAsync($"api/v1/namespaces/{Ns}");
        await c.Http.SendAsync(HttpMethod.Delete, $"api/v1/namespaces/{Ns}");
        var (_, pods) = await c.Http.GetJsonAsync("api/v1/pods");

        Assert.Equal("Active", ns.Str("status.phase"));
        Assert.Empty(pods!["items"]!.AsArray());
    }
}
