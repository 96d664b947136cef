using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Patching;

namespace OpsBot.ClusterSim.Tests.Api.Patching;

public sealed class MergePatchTests
{
    [Fact]
    public void Apply_Rfc7386Example_MatchesSpec()
    {
        // https://www.rfc-editor.org/rfc/rfc7386#section-3
        var target = JsonNode.Parse("""{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}""");
        var patch = JsonNode.Parse("""{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}""");

        var result = MergePatch.Apply(target, patch)!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"""),
            result));
    }

    [Fact]
    public void Apply_ListOfContainers_ReplacesWholeList()
    {
        var target = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}""");

        var result = MergePatch.Apply(target, JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"z"}]}}"""))!;

        Assert.Single(result["spec"]!["containers"]!.AsArray());
    }
}
