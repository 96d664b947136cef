using System.Net;
using Microsoft.Extensions.Options;
using OpsBot.Slack;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Slack;

public sealed class SlackOptionsTests
{
    private const string Secret = "s3cr3t-value-that-must-never-be-echoed";

    [Theory]
    [InlineData(null, "xoxp-user-token-" + Secret, null, "Slack:BotToken is not a bot token")]
    [InlineData(Secret, null, null, "Slack:BotToken is missing")]
    [InlineData(null, "xoxb-1-" + Secret, null, "Slack needs a way to receive requests")]
    [InlineData(null, "xoxb-1-" + Secret, "xoxb-not-an-app-token-" + Secret, "Slack:AppToken is not an app-level token")]
    [InlineData("short", "xoxb-1-" + Secret, null, "Slack:SigningSecret is too short")]
    public void Validate_IncompleteOrWrongCredentials_SaysWhatToFix_WithoutEchoingThem(string? signingSecret, string? botToken, string? appToken, string expected)
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions { SigningSecret = signingSecret, BotToken = botToken, AppToken = appToken });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NothingConfigured_IsValidAndSlackIsOff()
    {
        var options = new SlackOptions();

        Assert.True(new SlackOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.IsConfigured);
    }

    [Fact]
    public async Task Host_WithABadToken_FailsAtStartWithoutEchoingIt()
    {
        await using var host = new OpsBotHost(("Slack:SigningSecret", Secret), ("Slack:BotToken", "xoxp-" + Secret));

        var error = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("Slack:BotToken is not a bot token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_WithoutSlackConfiguration_ServesNoSlackEndpoints()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        using var response = await client.PostAsync("/slack/commands", new StringContent("command=%2Fk8s"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
