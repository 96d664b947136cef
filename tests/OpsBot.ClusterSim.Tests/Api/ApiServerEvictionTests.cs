using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

/// <summary>The <c>pods/eviction</c> subresource (policy/v1 Eviction) in JSON and in Kubernetes' protobuf envelope.</summary>
public sealed class ApiServerEvictionTests
{
    private const string Ns = SeededCluster.Namespace;

    private static string Url(string pod) => $"api/v1/namespaces/{Ns}/pods/{pod}/eviction";

    private static string Eviction(string name, string extra = "") =>
        $$"""{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"{{name}}","namespace":"{{Ns}}"}{{extra}}}""";

    [Fact]
    public async Task Evict_ScheduledPod_MarksItTerminatingWithItsGracePeriod()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, Url(SeededCluster.RunningPod), Eviction(SeededCluster.RunningPod));
        var (_, pod) = await c.Http.GetJsonAsync($"api/v1/namespaces/{Ns}/pods/{SeededCluster.RunningPod}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("Status", "Success", 201), (body.Str("kind"), body.Str("status"), (int)body!["code"]!));
        Assert.Equal(("2026-11-20T03:00:30Z", 30L), (pod.Str("metadata.deletionTimestamp"), (long)pod!["metadata"]!["deletionGracePeriodSeconds"]!));
    }

    [Fact]
    public async Task Evict_Protobuf_AsKubectl132DrainSendsIt_HonoursGracePeriodZero()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);
        using var content = new ByteArrayContent(ProtobufEviction(SeededCluster.RunningPod, Ns, gracePeriodSeconds: 0));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.kubernetes.protobuf");

        using var response = await c.Http.PostAsync(Url(SeededCluster.RunningPod), content);
        var (after, _) = await c.Http.GetJsonAsync($"api/v1/namespaces/{Ns}/pods/{SeededCluster.RunningPod}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after);
    }

    [Fact]
    public async Task Evict_NameDiffersFromUrl_IsBadRequestAndChangesNothing()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, Url(SeededCluster.RunningPod), Eviction("other"));
        var (_, pod) = await c.Http.GetJsonAsync($"api/v1/namespaces/{Ns}/pods/{SeededCluster.RunningPod}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("name in URL does not match name in Eviction object", body.Str("message"));
        Assert.Null(pod!["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Evict_UnknownPod_IsNotFound()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, Url("ghost"), Eviction("ghost"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("pods \"ghost\" not found", body.Str("message"));
    }

    [Fact]
    public async Task Evict_GarbageProtobuf_IsBadRequest()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);
        using var content = new ByteArrayContent([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.kubernetes.protobuf");

        using var response = await c.Http.PostAsync(Url(SeededCluster.RunningPod), content);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("the body of the request could not be decoded as an Eviction: ", status.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_CoreV1_ListsPodsEvictionAsPolicyV1Eviction()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, core) = await c.Http.GetJsonAsync("api/v1");
        var (_, groups) = await c.Http.GetJsonAsync("apis");

        var eviction = core!["resources"]!.AsArray().Single(r => r.Str("name") == "pods/eviction");
        Assert.Equal(("policy", "v1", "Eviction", "create"), (eviction.Str("group"), eviction.Str("version"), eviction.Str("kind"), eviction!["verbs"]!.AsArray().Single()!.GetValue<string>()));
        Assert.Contains(groups!["groups"]!.AsArray(), g => g.Str("name") == "policy" && g.Str("preferredVersion.groupVersion") == "policy/v1");
    }

    // The envelope client-go writes: "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw = Eviction{metadata, deleteOptions}}.
    private static byte[] ProtobufEviction(string name, string ns, long gracePeriodSeconds)
    {
        var metadata = Concat(Text(1, name), Text(3, ns));
        var deleteOptions = Concat([1 << 3], Varint((ulong)gracePeriodSeconds));
        var eviction = Concat(Message(1, metadata), Message(2, deleteOptions));
        var unknown = Concat(Message(1, Concat(Text(1, "policy/v1"), Text(2, "Eviction"))), Message(2, eviction), Text(4, "application/vnd.kubernetes.protobuf"));
        return Concat([0x6b, 0x38, 0x73, 0x00], unknown);
    }

    private static byte[] Text(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Message(int field, byte[] payload) => Concat([(byte)((field << 3) | 2)], Varint((ulong)payload.Length), payload);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
