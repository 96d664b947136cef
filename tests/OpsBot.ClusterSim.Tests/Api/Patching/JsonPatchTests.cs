using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Patching;

namespace OpsBot.ClusterSim.Tests.Api.Patching;

public sealed class JsonPatchTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"metadata":{"labels":{"app":"web"},"annotations":{"a/b":"1","c~d":"2"}},"spec":{"list":[1,2,3]}}
        """)!;

    private static string Apply(string patch) => JsonPatch.Apply(Doc, JsonNode.Parse(patch)).ToJsonString();

    [Fact]
    public void Apply_AddReplaceRemove_ChangesDocument() =>
        Assert.Equal(
            """{"metadata":{"labels":{"tier":"x"},"annotations":{"a/b":"1","c~d":"2"}},"spec":{"list":[1,9,3]}}""",
            Apply("""[{"op":"add","path":"/metadata/labels/tier","value":"x"},{"op":"replace","path":"/spec/list/1","value":9},{"op":"remove","path":"/metadata/labels/app"}]"""));

    [Fact]
    public void Apply_EscapedPointers_AddressKeysWithSlashAndTilde() =>
        Assert.Equal(
            """{"metadata":{"labels":{"app":"web"},"annotations":{"c~d":"3"}},"spec":{"list":[1,2,3]}}""",
            Apply("""[{"op":"remove","path":"/metadata/annotations/a~1b"},{"op":"replace","path":"/metadata/annotations/c~0d","value":"3"}]"""));

    [Fact]
    public void Apply_DashAndIndex_AppendsAndInserts() =>
        Assert.Contains("\"list\":[0,1,2,3,4]", Apply("""[{"op":"add","path":"/spec/list/-","value":4},{"op":"add","path":"/spec/list/0","value":0}]"""), StringComparison.Ordinal);

    [Fact]
    public void Apply_MoveAndCopy_RelocateValues()
    {
        var result = JsonNode.Parse(Apply("""[{"op":"copy","from":"/metadata/labels","path":"/spec/labels"},{"op":"move","from":"/spec/list","path":"/spec/items"}]"""))!;

        Assert.Equal("web", result["spec"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Null(result["spec"]!["list"]);
        Assert.Equal(3, result["spec"]!["items"]!.AsArray().Count);
    }

    [Fact]
    public void Apply_FailingTest_Throws()
    {
        var e = Assert.Throws<PatchException>(() => Apply("""[{"op":"test","path":"/metadata/labels/app","value":"db"},{"op":"remove","path":"/spec"}]"""));

        Assert.False(e.Malformed);
    }

    [Fact]
    public void Apply_PassingTest_Continues() =>
        Assert.DoesNotContain("spec", Apply("""[{"op":"test","path":"/metadata/labels/app","value":"web"},{"op":"remove","path":"/spec"}]"""), StringComparison.Ordinal);

    [Fact]
    public void Apply_RemoveMissing_ThrowsInapplicable() =>
        Assert.Contains("missing", Assert.Throws<PatchException>(() => Apply("""[{"op":"remove","path":"/metadata/nope"}]""")).Message, StringComparison.Ordinal);

    [Fact]
    public void Apply_NotAnArray_ThrowsMalformed() =>
        Assert.True(Assert.Throws<PatchException>(() => Apply("""{"op":"add"}""")).Malformed);

    [Fact]
    public void Apply_DoesNotChangeInput()
    {
        Apply("""[{"op":"remove","path":"/metadata"}]""");

        Assert.NotNull(Doc["metadata"]);
    }
}
