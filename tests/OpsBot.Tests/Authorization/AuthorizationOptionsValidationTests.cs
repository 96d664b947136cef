using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsBot.Authorization;

namespace OpsBot.Tests.Authorization;

public sealed class AuthorizationOptionsValidationTests
{
    private static OptionsValidationException Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddOpsBotAuthorization(configuration).BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<ChannelOptions>>().Value;
        });
    }

    [Theory]
    [InlineData("Authorization:Users:0:Id", "alice", "it must be \"platform:user\" with platform console, slack or teams")]
    [InlineData("Authorization:Users:0:Roles:0", "ghost", "names the role \"ghost\", which is not defined under Authorization:Roles (defined: sre)")]
    [InlineData("Authorization:Roles:sre:Permissions:delete:0", "*", "unknown permission \"delete\"; use one of read, triage, act, approve, admin")]
    [InlineData("Authorization:Roles:sre:Permissions:read:0", "Prod_*", "invalid namespace glob \"Prod_*\"")]
    [InlineData("Channels:Items:0:DefaultNamespace", "payments-prod", "DefaultNamespace \"payments-prod\" is not among the channel's Namespaces")]
    [InlineData("Channels:Items:0:Id", "incident", "needs an Id \"platform:channel\"")]
    public void Options_Invalid_FailWithWhatToFix(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authorization:Users:0:Id"] = "console:alice",
            ["Authorization:Users:0:Roles:0"] = "sre",
            ["Authorization:Roles:sre:Permissions:read:0"] = "*",
            ["Channels:Items:0:Id"] = "console:incident",
            ["Channels:Items:0:Namespaces:0"] = "ecommerce-*",
            [key] = value,
        };

        var error = Validate(settings);

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_NotConfigured_ValidAndChannelsOpen()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var provider = new ServiceCollection().AddOpsBotAuthorization(configuration).BuildServiceProvider();

        var channels = provider.GetRequiredService<IOptions<ChannelOptions>>().Value;

        Assert.Null(channels.Default);
        Assert.Empty(provider.GetRequiredService<IOptions<AuthorizationOptions>>().Value.Users);
    }
}
