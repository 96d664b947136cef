using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Serialization;

namespace OpsBot.ClusterSim.Tests.Serialization;

public sealed class YamlToJsonCoreSchemaTests
{
    [Fact]
    public void ParseDocuments_CoreSchema_TypesPlainScalarsOnly()
    {
        var doc = YamlToJson.ConvertDocuments("""
            int: 42
            negative: -7
            hex: 0x1F
            octal: 0o17
            float: 1.5
            exp: 1e3
            yes: true
            no: False
            nothing: null
            tilde: ~
            empty:
            quoted: "true"
            single: '42'
            word: yes
            version: 1.32.0
            """).Single();

        Assert.Equal(
            """{"int":42,"negative":-7,"hex":31,"octal":15,"float":1.5,"exp":1000,"yes":true,"no":false,"nothing":null,"tilde":null,"empty":null,"quoted":"true","single":"42","word":"yes","version":"1.32.0"}""",
            doc.ToJsonString());
    }

    [Fact]
    public void ParseDocuments_MultiDocument_SkipsEmptyDocuments()
    {
        var docs = YamlToJson.ConvertDocuments("---\na: 1\n---\n---\n- x\n- y\n...\n");

        Assert.Equal(["""{"a":1}""", """["x","y"]"""], docs.Select(d => d.ToJsonString()));
    }

    [Fact]
    public void ParseDocuments_Json_IsYaml() =>
        Assert.Equal("""{"a":[1,"b"]}""", YamlToJson.ConvertDocuments("""{"a": [1, "b"]}""").Single().ToJsonString());
}
