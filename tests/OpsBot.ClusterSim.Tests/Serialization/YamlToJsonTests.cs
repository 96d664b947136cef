using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Serialization;

namespace OpsBot.ClusterSim.Tests.Serialization;

public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("TRUE", "true")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("25%", "\"25%\"")]
    [InlineData("512Mi", "\"512Mi\"")]
    [InlineData("2024-01-01T10:00:00Z", "\"2024-01-01T10:00:00Z\"")]
    [InlineData("0.1.2", "\"0.1.2\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("!!int \"42\"", "42")]
    [InlineData("! 42", "\"42\"")]
    public void Convert_Scalar_FollowsCoreSchema(string yaml, string expectedJson) =>
        Assert.Equal(expectedJson, YamlToJson.Convert($"v: {yaml}")!["v"]!.ToJsonString());

    [Theory]
    [InlineData("v: null")]
    [InlineData("v: Null")]
    [InlineData("v: ~")]
    [InlineData("v:")]
    [InlineData("v: !!null ''")]
    public void Convert_NullForms_BecomeJsonNull(string yaml)
    {
        var obj = YamlToJson.Convert(yaml)!.AsObject();

        Assert.True(obj.ContainsKey("v"));
        Assert.Null(obj["v"]);
    }

    [Fact]
    public void Convert_BlockLiterals_StayStrings()
    {
        const string yaml = "literal: |\n  line 1\n  true\nfolded: >-\n  a\n  b\nquotedNumber: \"1\"\n";

        var node = YamlToJson.Convert(yaml)!;

        Assert.Equal("line 1\ntrue\n", node["literal"]!.GetValue<string>());
        Assert.Equal("a b", node["folded"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, node["quotedNumber"]!.GetValueKind());
    }

    [Fact]
    public void Convert_NestedManifest_BuildsObjectsAndArrays()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              replicas: 3
              paused: false
              template:
                spec:
                  containers:
                  - name: app
                    ports: [{containerPort: 8080}]
                    args: ["--port", 8080]
            """;

        var node = YamlToJson.Convert(yaml)!;

        Assert.Equal(
            """{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":3,"paused":false,"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":8080}],"args":["--port",8080]}]}}}}""",
            node.ToJsonString());
    }

    [Fact]
    public void ConvertDocuments_MultiDocument_ReturnsEachDocumentSkippingEmptyOnes()
    {
        const string yaml = "---\nkind: Namespace\n---\n# only a comment\n---\nkind: Service\n...\n---\nkind: Pod\n---\n";

        var documents = YamlToJson.ConvertDocuments(yaml);

        Assert.Equal(["Namespace", "Service", "Pod"], documents.Select(d => d["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void Convert_MultiDocument_Throws() =>
        Assert.Throws<FormatException>(() => YamlToJson.Convert("a: 1\n---\nb: 2\n"));

    [Fact]
    public void Convert_Empty_ReturnsNull() => Assert.Null(YamlToJson.Convert(""));

    [Fact]
    public void Convert_AnchorsAndAliases_AreExpanded()
    {
        var node = YamlToJson.Convert("base: &b {cpu: 100m}\nlimits: *b\n")!;

        Assert.Equal("""{"base":{"cpu":"100m"},"limits":{"cpu":"100m"}}""", node.ToJsonString());
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "Duplicate mapping key 'a'")]
    [InlineData("? [a, b]\n: 1\n", "Only scalar mapping keys")]
    [InlineData("a: [1, 2\n", "Invalid YAML at line")]
    [InlineData("v: !!int abc\n", "tagged !!int")]
    public void Convert_InvalidInput_ThrowsFormatException(string yaml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => YamlToJson.Convert(yaml));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_LargeInteger_KeepsExactValue() =>
        Assert.Equal("123456789012345678901234", YamlToJson.Convert("v: 123456789012345678901234")!["v"]!.ToJsonString());

    [Fact]
    public void Convert_SameAsJson_ForJsonCompatibleYaml()
    {
        const string json = """{"a":[1,2.5,"x",true,null,{"b":"c"}]}""";

        JsonTreeAssert.Equal(JsonNode.Parse(json), YamlToJson.Convert(json));
    }
}
