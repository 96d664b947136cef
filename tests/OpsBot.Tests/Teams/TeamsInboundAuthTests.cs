using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpsBot.Audit;
using OpsBot.Chat.Delivery;
using OpsBot.Teams;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

public sealed class TeamsInboundAuthTests(TeamsHostFixture shared) : IClassFixture<TeamsHostFixture>
{
    public static TheoryData<string, string> BadTokens => new()
    {
        { "wrong issuer", "the issuer is not the Bot Connector's" },
        { "wrong audience", "the audience is not this bot's app id" },
        { "other key", "the signature does not verify" },
        { "unknown kid", "is not published in the OpenID metadata" },
        { "hostile kid", @"the signing key ""key\u202eevil\u200b\u2028x"" is not published" }, // bidi override, zero-width, line separator: escaped
        { "alg none", "only RS256 is accepted" },
        { "HS256", "only RS256 is accepted" },
        { "expired beyond skew", "the token has expired" },
        { "not yet valid beyond skew", "the token is not valid yet" },
        { "serviceurl mismatch", "serviceurl claim does not match" },
        { "key not endorsed for msteams", "not endorsed for channel \"msteams\"" },
        { "no token", "no Authorization header" },
        { "garbage", "not a well-formed JWT" },
    };

    private static TokenSpec? Spec(string name, FakeBotFrameworkChannel channel, RSA otherKey) => name switch
    {
        "wrong issuer" => new() { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" },
        "wrong audience" => new() { Audience = "00000000-0000-0000-0000-000000000001" },
        "other key" => new() { Credentials = new SigningCredentials(new RsaSecurityKey(otherKey) { KeyId = channel.Key.Kid }, SecurityAlgorithms.RsaSha256) },
        "unknown kid" => new() { Credentials = new SigningCredentials(new RsaSecurityKey(otherKey) { KeyId = "key-forged" }, SecurityAlgorithms.RsaSha256) },
        "hostile kid" => new() { Credentials = new SigningCredentials(new RsaSecurityKey(otherKey) { KeyId = "key\u202Eevil\u200B\u2028x" }, SecurityAlgorithms.RsaSha256) },
        "alg none" => new() { Unsigned = true },
        "HS256" => new() { Credentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = channel.Key.Kid }, SecurityAlgorithms.HmacSha256) },
        "expired beyond skew" => new() { NotBefore = TimeSpan.FromMinutes(-70), Expires = TimeSpan.FromMinutes(-6) },
        "not yet valid beyond skew" => new() { NotBefore = TimeSpan.FromMinutes(6), Expires = TimeSpan.FromMinutes(60) },
        "serviceurl mismatch" => new() { ServiceUrl = "https://attacker.example.com/amer/" },
        "key not endorsed for msteams" => new() { Credentials = channel.WebChatOnlyKey.Credentials },
        _ => null,
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Messages_BadToken_Is401AndNothingRuns(string bad, string reason)
    {
        // Every case is refused, so they share one host: nothing may ever have run in it.
        var (channel, host) = (shared.Channel, shared.Host);
        using var bot = host.CreateClient();
        var refusals = host.Logs.Lines.Count(line => line.Contains("Refused a Teams activity", StringComparison.Ordinal));
        using var otherKey = RSA.Create(2048);
        var activity = Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods -n ecommerce-production");
        var token = bad switch
        {
            "no token" => null,
            "garbage" => "not.a-jwt",
            _ => channel.Token(channel.ServiceUrl, Spec(bad, channel, otherKey)),
        };

        using var response = await Activities.PostAsync(bot, activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery()));
        Assert.Empty(await host.Services.GetRequiredService<IConversationReferenceStore>().ListAsync());
        Assert.Empty(channel.Calls);
        var logged = host.Logs.Lines.Where(line => line.Contains("Refused a Teams activity", StringComparison.Ordinal)).ToList();
        Assert.Equal(refusals + 1, logged.Count);
        Assert.Contains(reason, logged[^1], StringComparison.Ordinal);
        if (token is not null)
        {
            Assert.DoesNotContain(token, host.Logs.All, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("expired 4 min ago", -64, -4)]
    [InlineData("valid in 4 min", 4, 60)]
    public async Task Messages_LifetimeWithinFiveMinuteSkew_IsAccepted(string name, int notBeforeMinutes, int expiresMinutes)
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var spec = new TokenSpec { NotBefore = TimeSpan.FromMinutes(notBeforeMinutes), Expires = TimeSpan.FromMinutes(expiresMinutes) };

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), spec);

        Assert.True(response.StatusCode == HttpStatusCode.OK, name);
    }

    [Fact]
    public async Task Messages_KeyRotation_NewKidFetchesTheMetadataAgain()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        using (var first = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var cached = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel)))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        Assert.Equal(1, channel.MetadataRequests);
        var retired = channel.Key;
        channel.Rotate("key-2");
        channel.Time.Advance(BotFrameworkSigningKeys.UnknownKeyRefreshInterval);

        using var rotated = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel));
        using var old = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), new TokenSpec { Credentials = retired.Credentials });

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(2, channel.MetadataRequests);
    }

    [Fact]
    public async Task Messages_ManyUnknownKids_RefetchTheMetadataAtMostOncePerInterval()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        using var forged = RSA.Create(2048);
        using (var first = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            var spec = new TokenSpec { Credentials = new SigningCredentials(new RsaSecurityKey(forged) { KeyId = "forged-" + i }, SecurityAlgorithms.RsaSha256) };
            using var response = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), spec);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(1, channel.MetadataRequests);
    }

    [Fact]
    public async Task Messages_KeysOlderThanTheRefreshInterval_AreFetchedAgain()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        using (var first = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        channel.Time.Advance(BotFrameworkSigningKeys.RefreshInterval);
        using var later = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel));

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(2, channel.MetadataRequests);
    }

    [Fact]
    public async Task Messages_SingleTenant_RefusesOtherTenantsAndAcceptsItsOwn()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel, ("Teams:TenantId", FakeBotFrameworkChannel.TenantId));
        using var bot = host.CreateClient();
        const string otherTenant = "11111111-2222-3333-4444-555555555555";

        using var foreignActivity = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "k8s pods", tenant: otherTenant));
        using var foreignToken = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), new TokenSpec { TenantClaim = otherTenant });
        using var own = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), new TokenSpec { TenantClaim = FakeBotFrameworkChannel.TenantId });
        using var ownTenantIssuer = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), new TokenSpec { Issuer = $"https://sts.windows.net/{FakeBotFrameworkChannel.TenantId}/" });

        Assert.Equal(HttpStatusCode.Unauthorized, foreignActivity.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreignToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownTenantIssuer.StatusCode);
        Assert.Contains("another tenant", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_MultiTenant_RefusesTenantIssuers()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel), new TokenSpec { Issuer = $"https://sts.windows.net/{FakeBotFrameworkChannel.TenantId}/" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
