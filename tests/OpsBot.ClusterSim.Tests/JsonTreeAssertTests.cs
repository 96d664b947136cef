using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace OpsBot.ClusterSim.Tests;

/// <summary>The round-trip tests are only as strict as their comparer.</summary>
public sealed class JsonTreeAssertTests
{
    [Theory]
    [InlineData("""{"a":1,"b":"x"}""", """{"b":"x","a":1}""")]
    [InlineData("""{"a":null,"b":[]}""", """{"b":[]}""")]
    public void Equal_SameTree_Passes(string expected, string actual) =>
        JsonTreeAssert.Equal(JsonNode.Parse(expected), JsonNode.Parse(actual));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":"1"}""")]
    [InlineData("""{"a":1}""", """{"a":1.0}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":{"b":"x"}}""", """{"a":{}}""")]
    [InlineData("""{"a":"2024-01-01T00:00:00.5Z"}""", """{"a":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"a":{}}""", """{}""")]
    public void Equal_DifferentTree_Fails(string expected, string actual) =>
        Assert.Throws<XunitException>(() => JsonTreeAssert.Equal(JsonNode.Parse(expected), JsonNode.Parse(actual)));
}
