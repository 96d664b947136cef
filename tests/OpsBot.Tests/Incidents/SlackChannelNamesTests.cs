using OpsBot.Incidents;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Tests.Incidents;

public sealed class SlackChannelNamesTests
{
    private static readonly IncidentId Id = new(2026, 42);

    [Theory]
    [InlineData("Checkout returns 500s", "inc-2026-0042-checkout-returns-500s")]
    [InlineData("  Café  déjà-vu: <b>ünïcødé</b> ✓ Łódź", "inc-2026-0042-cafe-deja-vu-b-unicode-b-lodz")]
    [InlineData("payments.api DOWN!!! (eu_west)", "inc-2026-0042-payments-api-down-eu_west")]
    [InlineData("✓✓✓", "inc-2026-0042")]
    [InlineData("<!channel> @here #general", "inc-2026-0042-channel-here-general")]
    public void For_UserTitle_IsSluggedToSlackRules(string title, string expected)
    {
        Assert.Equal(expected, SlackChannelNames.For(Id, title));
    }

    [Fact]
    public void For_LongTitle_IsCutAt80CharactersWithoutATrailingHyphen()
    {
        var name = SlackChannelNames.For(Id, string.Join(' ', Enumerable.Repeat("checkout", 20)));

        Assert.True(name.Length <= 80, name);
        Assert.StartsWith("inc-2026-0042-checkout-checkout", name, StringComparison.Ordinal);
        Assert.DoesNotMatch("-$", name);
        Assert.Matches("^[a-z0-9_-]+$", name);
    }

    [Fact]
    public void WithSuffix_StaysWithin80Characters()
    {
        var name = SlackChannelNames.For(Id, new string('x', 200));

        var suffixed = SlackChannelNames.WithSuffix(name, 3);

        Assert.Equal(80, suffixed.Length);
        Assert.EndsWith("-3", suffixed, StringComparison.Ordinal);
    }
}
