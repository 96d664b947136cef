using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Tests.Models;

/// <summary>Every shared fixture parses into its typed model and serializes back to the same JSON tree.</summary>
public sealed class FixtureRoundTripTests
{
    public static TheoryData<string> FixtureFiles() => K8sFixtures.AllFileNames();

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Deserialize_SharedFixture_RoundTripsWithoutLoss(string fileName)
    {
        var original = K8sFixtures.Load(fileName);
        var kind = original["kind"]?.GetValue<string>();

        var roundTripped = kind switch
        {
            "Pod" => RoundTrip<V1Pod>(original),
            "PodList" => RoundTrip<V1PodList>(original),
            "EventList" => RoundTrip<Corev1EventList>(original),
            "Deployment" => RoundTrip<V1Deployment>(original),
            "Certificate" => RoundTrip<V1Certificate>(original),
            _ => throw new InvalidOperationException($"{fileName}: no typed model chosen for kind '{kind}'; add it to this test."),
        };

        JsonTreeAssert.Equal(original, roundTripped);
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Deserialize_SharedFixture_FillsTypedMetadataAndKind(string fileName)
    {
        var original = K8sFixtures.Load(fileName);
        var json = original.ToJsonString();
        switch (original["kind"]?.GetValue<string>())
        {
            case "Pod":
                AssertObject(KubernetesJson.Deserialize<V1Pod>(json), "Pod");
                break;
            case "PodList":
                AssertList(KubernetesJson.Deserialize<V1PodList>(json), "Pod");
                break;
            case "EventList":
                AssertList(KubernetesJson.Deserialize<Corev1EventList>(json), "Event");
                break;
            case "Deployment":
                AssertObject(KubernetesJson.Deserialize<V1Deployment>(json), "Deployment");
                break;
            case "Certificate":
                AssertObject(KubernetesJson.Deserialize<V1Certificate>(json), "Certificate");
                break;
            default:
                Assert.Fail($"{fileName}: unexpected kind.");
                break;
        }
    }

    private static void AssertObject(IKubernetesObject value, string kind)
    {
        Assert.Equal(kind, value.Kind);
        Assert.False(string.IsNullOrEmpty(value.ApiVersion));
        Assert.False(string.IsNullOrEmpty(value.Metadata?.Name));
    }

    private static void AssertList<T>(IKubernetesList<T> list, string itemKind)
        where T : IKubernetesObject
    {
        Assert.NotNull(list.Metadata?.ResourceVersion);
        Assert.NotEmpty(list.Items);
        Assert.All(list.Items, item => AssertObject(item, itemKind));
    }

    private static JsonNode RoundTrip<T>(JsonNode original)
    {
        var model = KubernetesJson.Deserialize<T>(original.ToJsonString());
        return JsonNode.Parse(KubernetesJson.Serialize(model))!;
    }
}
