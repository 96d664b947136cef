using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Tests.Serialization;

public sealed class KubernetesJsonContextTests
{
    private static readonly Type[] ModelTypes =
        [.. typeof(V1Pod).Assembly.GetTypes().Where(t => t.Namespace == typeof(V1Pod).Namespace && t.IsPublic && !t.IsInterface && !t.IsAbstract)];

    public static TheoryData<string> TopLevelTypes() =>
        [.. ModelTypes.Where(t => t.GetInterfaces().Any(i => i == typeof(IKubernetesObject) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKubernetesList<>)))).Select(t => t.Name)];

    public static TheoryData<string> Records() =>
        [.. ModelTypes.Where(t => t.IsClass && t.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TopLevelTypes))]
    public void GetTypeInfo_EveryObjectAndList_IsRegistered(string typeName)
    {
        var type = ModelTypes.Single(t => t.Name == typeName);

        Assert.True(KubernetesJsonContext.Default.GetTypeInfo(type) is not null, $"{typeName} is missing a [JsonSerializable] in {nameof(KubernetesJsonContext)}.");
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Properties_EveryRecord_NamesEveryPropertyAndKeepsUnknownFields(string typeName)
    {
        var type = ModelTypes.Single(t => t.Name == typeName);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType == type).ToList();

        var extension = Assert.Single(properties, p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null);
        Assert.Equal(typeof(IDictionary<string, JsonElement>), extension.PropertyType);
        Assert.All(
            properties.Where(p => p != extension && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic && !IsExplicitListItems(p)),
            p => Assert.True(p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null, $"{typeName}.{p.Name} has no [JsonPropertyName]."));
        Assert.True(type.IsSealed, $"{typeName} should be sealed.");
    }

    [Fact]
    public void Deserialize_UnknownFieldsAtEveryLevel_AreKept()
    {
        const string json = """{"kind":"Pod","future":1,"spec":{"newField":{"x":[1]},"containers":[{"name":"a","resizePolicy":[]}]},"status":{"extra":"y"}}""";

        JsonTreeAssert.Equal(JsonNode.Parse(json), JsonNode.Parse(KubernetesJson.Serialize(KubernetesJson.Deserialize<V1Pod>(json))));
    }

    private static bool IsExplicitListItems(PropertyInfo property) => property.Name.Contains('.', StringComparison.Ordinal);
}
