using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Selectors;

namespace OpsBot.ClusterSim.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "frontend", ["canary"] = "" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("tier in (frontend, backend)", true)]
    [InlineData("tier in (backend)", false)]
    [InlineData("tier notin (backend)", true)]
    [InlineData("missing notin (backend)", true)]
    [InlineData("canary", true)]
    [InlineData("!canary", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier in (a,frontend),!missing", true)]
    [InlineData("app=web,tier=backend", false)]
    [InlineData("", true)]
    public void Matches_Expression_FollowsKubernetesSemantics(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Fact]
    public void Parse_Malformed_Throws() =>
        Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("tier between (a)"));

    [Fact]
    public void FromJson_MatchLabelsAndExpressions_FormatsLikeKubectl()
    {
        var selector = LabelSelector.FromJson(JsonNode.Parse("""
            {"matchLabels":{"tier":"web","app":"shop"},"matchExpressions":[{"key":"env","operator":"In","values":["prod","stage"]},{"key":"canary","operator":"DoesNotExist"}]}
            """));

        Assert.Equal("app=shop,tier=web,env in (prod,stage),!canary", selector.ToString());
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "shop", ["tier"] = "web", ["env"] = "prod" }));
    }
}
