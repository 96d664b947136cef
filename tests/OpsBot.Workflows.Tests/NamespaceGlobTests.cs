namespace OpsBot.Workflows.Tests;

public sealed class NamespaceGlobTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("ecommerce-*", "ecommerce-production", true)]
    [InlineData("ecommerce-*", "ecommerce-", true)]
    [InlineData("ecommerce-*", "payments-prod", false)]
    [InlineData("*-prod", "payments-prod", true)]
    [InlineData("*-prod", "payments-production", false)]
    [InlineData("team-*-prod", "team-a-prod", true)]
    [InlineData("team-*-prod", "team-a-staging", false)]
    [InlineData("shop", "shop", true)]
    [InlineData("shop", "shop2", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    public void Matches_Patterns_AsGlobs(string pattern, string ns, bool expected)
    {
        Assert.Equal(expected, NamespaceGlob.Matches(pattern, ns));
    }

    [Theory]
    [InlineData("Shop")]
    [InlineData("shop/*")]
    [InlineData("")]
    [InlineData("a?b")]
    public void IsValid_BadPatterns_SaysWhy(string pattern)
    {
        Assert.False(NamespaceGlob.IsValid(pattern, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }
}
