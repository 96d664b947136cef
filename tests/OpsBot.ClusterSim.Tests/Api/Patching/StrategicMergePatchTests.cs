using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Patching;

namespace OpsBot.ClusterSim.Tests.Api.Patching;

public sealed class StrategicMergePatchTests
{
    private static readonly JsonNode Pod = JsonNode.Parse("""
        {"metadata":{"name":"web","labels":{"app":"web","tier":"fe"},"finalizers":["a"]},
         "spec":{
           "containers":[
             {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
              "ports":[{"containerPort":80,"name":"http"},{"containerPort":443,"name":"https"}],
              "volumeMounts":[{"name":"data","mountPath":"/data"}],"args":["--a","--b"]},
             {"name":"sidecar","image":"proxy:1"}],
           "tolerations":[{"key":"k1","operator":"Exists"}],
           "volumes":[{"name":"data","emptyDir":{}},{"name":"cache","emptyDir":{}}]},
         "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}}
        """)!;

    private static JsonNode Apply(string patch) => StrategicMergePatch.Apply(Pod, JsonNode.Parse(patch))!;

    [Fact]
    public void Apply_ContainerByName_MergesIntoExistingItem()
    {
        var result = Apply("""{"spec":{"containers":[{"name":"app","image":"app:2"}]}}""");

        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("app:2", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(2, containers[0]!["env"]!.AsArray().Count);
        Assert.Equal("proxy:1", containers[1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_NewContainer_IsAppended() =>
        Assert.Equal("new", Apply("""{"spec":{"containers":[{"name":"new","image":"n:1"}]}}""")["spec"]!["containers"]![2]!["name"]!.GetValue<string>());

    [Fact]
    public void Apply_EnvByName_MergesAndKeepsOthers()
    {
        var env = Apply("""{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]}]}}""")["spec"]!["containers"]![0]!["env"]!.AsArray();

        Assert.Equal(["A=1", "B=20", "C=3"], env.Select(e => $"{e!["name"]}={e["value"]}"));
    }

    [Fact]
    public void Apply_PortsByContainerPort_Merge()
    {
        var ports = Apply("""{"spec":{"containers":[{"name":"app","ports":[{"containerPort":443,"name":"tls"}]}]}}""")["spec"]!["containers"]![0]!["ports"]!.AsArray();

        Assert.Equal(["http", "tls"], ports.Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_ConditionsByType_Merge()
    {
        var conditions = Apply("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""")["status"]!["conditions"]!.AsArray();

        Assert.Equal(["Ready=True", "PodScheduled=True"], conditions.Select(c => $"{c!["type"]}={c["status"]}"));
    }

    [Fact]
    public void Apply_PatchDeleteDirective_RemovesItemByKey()
    {
        var result = Apply("""{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}],"volumes":[{"name":"cache","$patch":"delete"}]}}""");

        Assert.Single(result["spec"]!["containers"]!.AsArray());
        Assert.Equal(["data"], result["spec"]!["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_PatchReplaceOnList_ReplacesList()
    {
        var result = Apply("""{"spec":{"volumes":[{"$patch":"replace"},{"name":"only","emptyDir":{}}]}}""");

        Assert.Equal(["only"], result["spec"]!["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_PatchReplaceOnMap_ReplacesMap() =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":"y"}"""), Apply("""{"metadata":{"labels":{"$patch":"replace","x":"y"}}}""")["metadata"]!["labels"]));

    [Fact]
    public void Apply_PatchDeleteOnMap_RemovesField() =>
        Assert.Null(Apply("""{"metadata":{"labels":{"$patch":"delete"}}}""")["metadata"]!["labels"]);

    [Fact]
    public void Apply_ListsWithoutMergeKey_AreReplaced()
    {
        var result = Apply("""{"spec":{"tolerations":[{"key":"k2","operator":"Exists"}],"containers":[{"name":"app","args":["--c"]}]}}""");

        Assert.Equal(["k2"], result["spec"]!["tolerations"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()));
        Assert.Equal(["--c"], result["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Apply_NullValue_DeletesKey() =>
        Assert.Null(Apply("""{"metadata":{"labels":{"tier":null}}}""")["metadata"]!["labels"]!["tier"]);

    [Fact]
    public void Apply_RetainKeys_DropsOtherKeys()
    {
        var result = Apply("""{"spec":{"containers":[{"name":"app","$retainKeys":["name","image"],"image":"app:3"}]}}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"app","image":"app:3"}"""), result["spec"]!["containers"]![0]));
    }

    [Fact]
    public void Apply_DeleteFromPrimitiveListAndFinalizersUnion_Work()
    {
        var added = Apply("""{"metadata":{"finalizers":["b"]}}""");
        var removed = StrategicMergePatch.Apply(added, JsonNode.Parse("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"""))!;

        Assert.Equal(["a", "b"], added["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["b"], removed["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public void Apply_SetElementOrderDirective_IsAccepted()
    {
        var result = Apply("""{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"name":"app","image":"app:9"}]}}""");

        Assert.Equal("app:9", result["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_UnknownDirective_ThrowsMalformed() =>
        Assert.True(Assert.Throws<PatchException>(() => Apply("""{"$bogus":1}""")).Malformed);
}
