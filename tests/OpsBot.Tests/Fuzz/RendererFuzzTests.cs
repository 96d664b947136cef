using CsCheck;
using OpsBot.Tests.Chat;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// User text anywhere in a message (header, sections, fields, code, context, button labels and values, table cells)
/// never becomes markup: HostileTextTests' oracles for Block Kit, Adaptive Cards and HTML, on generated text.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed class RendererFuzzTests
{
    // A message needs some text (button labels, headers): the renderers' contract, checked by ChatMessage itself.
    private static readonly CsCheck.Gen<string> Text = FuzzText.Hostile().Where(text => !string.IsNullOrWhiteSpace(text));

    [Fact]
    public void SlackBlockKit_AnyUserText_NoMarkupInjection() =>
        Fuzz.Check(Text, 300, HostileTextTests.AssertSlackSafe);

    [Fact]
    public void AdaptiveCard_AnyUserText_NoMarkupInjection() =>
        Fuzz.Check(Text, 300, HostileTextTests.AssertTeamsSafe);

    [Fact]
    public void Html_AnyUserText_NoMarkupInjection() =>
        Fuzz.Check(Text, 300, HostileTextTests.AssertHtmlSafe);
}
