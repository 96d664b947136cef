using System.Net;
using Microsoft.Extensions.Options;
using OpsBot.Teams;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Teams;

public sealed class TeamsOptionsTests
{
    private const string AppId = "9f5e2c1a-0b7d-4c3e-8a21-6d4f3b2a1c00";

    [Fact]
    public void Validate_NothingSet_TeamsIsOff()
    {
        var options = new TeamsOptions();

        Assert.True(new TeamsOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.IsConfigured);
    }

    [Theory]
    [InlineData(AppId, "", "", "", "Teams:AppPassword is empty but Teams:AppId is set")]
    [InlineData("", "secret-value-1", "", "", "Teams:AppId is empty but Teams:AppPassword is set")]
    [InlineData("opsbot", "secret-value-1", "", "", "Teams:AppId \"opsbot\" is not a Microsoft App ID")]
    [InlineData(AppId, "secret-value-1", "contoso.com", "", "Teams:TenantId \"contoso.com\" is not a tenant id")]
    [InlineData(AppId, "secret-value-1", "", "http://login.example.com/openid", "Teams:OpenIdMetadataUrl \"http://login.example.com/openid\" must be an absolute https URL")]
    public void Validate_Misconfigured_SaysWhatToFixWithoutThePassword(string appId, string password, string tenant, string metadataUrl, string expected)
    {
        var options = new TeamsOptions { AppId = appId, AppPassword = password, TenantId = tenant, OpenIdMetadataUrl = metadataUrl };

        var result = new TeamsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value-1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenUri_SingleTenant_UsesTheTenantsEndpoint()
    {
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", new TeamsOptions().TokenUri.AbsoluteUri);
        Assert.Equal(
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token",
            new TeamsOptions { TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47" }.TokenUri.AbsoluteUri);
        Assert.Equal(TeamsOptions.DefaultOpenIdMetadataUrl, new TeamsOptions().MetadataUri.AbsoluteUri);
    }

    [Fact]
    public async Task Host_TeamsNotConfigured_HasNoMessagingEndpoint()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Host_HalfConfigured_FailsAtStartSayingWhatToFix()
    {
        await using var host = new OpsBotHost(("Teams:AppId", AppId));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("Teams__AppPassword", error.Message, StringComparison.Ordinal);
    }
}
