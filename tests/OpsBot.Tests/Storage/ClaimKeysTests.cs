using OpsBot.Chat.Delivery;

namespace OpsBot.Tests.Storage;

public sealed class ClaimKeysTests
{
    [Fact]
    public void Fit_KeepsAShortKey_AndTurnsALongOneIntoItsPrefixAndHash()
    {
        var longKey = "teams:" + new string('c', ClaimKeys.MaxLength) + ":1001";

        var fitted = ClaimKeys.Fit("teams:", longKey);

        Assert.Equal("teams:19:x@thread.tacv2:1001", ClaimKeys.Fit("teams:", "teams:19:x@thread.tacv2:1001"));
        Assert.StartsWith("teams:", fitted, StringComparison.Ordinal);
        Assert.True(fitted.Length <= ClaimKeys.MaxLength);
        Assert.Equal(fitted, ClaimKeys.Fit("teams:", longKey));
        Assert.NotEqual(fitted, ClaimKeys.Fit("teams:", longKey[..^1] + "2"));
    }
}
