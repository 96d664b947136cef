using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Slack;
using OpsBot.Testing;

namespace OpsBot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    private static readonly JsonObject Vector = JsonNode.Parse(SharedFixtures.ReadText("slack", "signing-test-vector.json"))!.AsObject();

    private static string Timestamp => (string)Vector["timestamp"]!;

    private static byte[] Body => Encoding.UTF8.GetBytes((string)Vector["body"]!);

    private static SlackSignatureVerifier AtVectorTime(TimeSpan offset = default, string? secret = null) =>
        new(secret ?? (string)Vector["signing_secret"]!, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp)) + offset));

    [Fact]
    public void Verify_SlacksTestVector_IsValid()
    {
        Assert.Equal(SlackSignatureResult.Valid, AtVectorTime().Verify(Timestamp, (string)Vector["expected_signature"]!, Body));
        Assert.Equal((string)Vector["expected_signature"]!, AtVectorTime().Sign(Timestamp, Body));
    }

    [Theory]
    [InlineData(299, SlackSignatureResult.Valid)]
    [InlineData(-299, SlackSignatureResult.Valid)]
    [InlineData(301, SlackSignatureResult.Stale)]
    [InlineData(-301, SlackSignatureResult.Stale)]
    [InlineData(86_400, SlackSignatureResult.Stale)]
    public void Verify_TimestampWindow_IsFiveMinutesEitherWay(int clockOffsetSeconds, SlackSignatureResult expected) =>
        Assert.Equal(expected, AtVectorTime(TimeSpan.FromSeconds(clockOffsetSeconds)).Verify(Timestamp, (string)Vector["expected_signature"]!, Body));

    [Fact]
    public void Verify_OneByteOfTheBodyChanged_IsMismatch()
    {
        var tampered = Body;
        tampered[^1] ^= 1;

        Assert.Equal(SlackSignatureResult.Mismatch, AtVectorTime().Verify(Timestamp, (string)Vector["expected_signature"]!, tampered));
    }

    [Fact]
    public void Verify_AnotherSecret_IsMismatch() =>
        Assert.Equal(SlackSignatureResult.Mismatch, AtVectorTime(secret: "another-secret-of-the-same-size!").Verify(Timestamp, (string)Vector["expected_signature"]!, Body));

    [Theory]
    [InlineData(null, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureResult.Missing)]
    [InlineData("1531420618", null, SlackSignatureResult.Missing)]
    [InlineData("1531420618", "", SlackSignatureResult.Missing)]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureResult.Mismatch)]
    [InlineData("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50", SlackSignatureResult.Mismatch)]
    [InlineData("1531420618", "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureResult.Mismatch)]
    [InlineData("1531420618 ", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureResult.Stale)]
    [InlineData("-1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureResult.Stale)]
    public void Verify_MissingOrMalformedHeaders_AreRefused(string? timestamp, string? signature, SlackSignatureResult expected) =>
        Assert.Equal(expected, AtVectorTime().Verify(timestamp, signature, Body));

    [Fact]
    public void Verify_UppercaseHex_IsAccepted()
    {
        // Slack sends lowercase; hex is case-insensitive, so a proxy that changes case changes nothing.
        var upper = "v0=" + ((string)Vector["expected_signature"]!)[3..].ToUpperInvariant();

        Assert.Equal(SlackSignatureResult.Valid, AtVectorTime().Verify(Timestamp, upper, Body));
    }
}
