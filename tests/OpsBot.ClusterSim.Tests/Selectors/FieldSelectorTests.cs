using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Selectors;

namespace OpsBot.ClusterSim.Tests.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly JsonObject Event = JsonNode.Parse("""
        {"metadata":{"name":"e1","namespace":"shop"},"type":"Warning","reason":"BackOff",
         "involvedObject":{"kind":"Pod","name":"web-1","namespace":"shop","uid":"u-1"}}
        """)!.AsObject();

    [Theory]
    [InlineData("involvedObject.name=web-1,involvedObject.namespace=shop,involvedObject.uid=u-1", true)]
    [InlineData("involvedObject.kind=Pod,type=Warning,reason=BackOff", true)]
    [InlineData("type!=Warning", false)]
    [InlineData("metadata.name==e1", true)]
    [InlineData("metadata.namespace=other", false)]
    public void Matches_Event_ComparesDottedFields(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Event));

    [Fact]
    public void Matches_NodeWithoutUnschedulable_ReadsFalse()
    {
        var node = JsonNode.Parse("""{"metadata":{"name":"n1"},"spec":{}}""")!.AsObject();

        Assert.True(FieldSelector.Parse("spec.unschedulable=false").Matches(node));
        Assert.False(FieldSelector.Parse("spec.unschedulable=true").Matches(node));
    }

    [Fact]
    public void Matches_PodPhaseNotIn_ExcludesTerminal()
    {
        var selector = FieldSelector.Parse("spec.nodeName=n1,status.phase!=Failed,status.phase!=Succeeded");

        Assert.True(selector.Matches(JsonNode.Parse("""{"spec":{"nodeName":"n1"},"status":{"phase":"Running"}}""")!.AsObject()));
        Assert.False(selector.Matches(JsonNode.Parse("""{"spec":{"nodeName":"n1"},"status":{"phase":"Failed"}}""")!.AsObject()));
    }
}
