using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;
using OpsBot.Testing;

namespace OpsBot.Tests.Chat;

/// <summary>
/// Every sample message rendered for Slack and Teams passes the vendors' own validators
/// (tests/validators). One node run per test: the payloads are batched.
/// </summary>
public sealed class VendorValidationTests
{
    private static readonly RenderOptions Options = new() { DashboardUrl = SampleMessages.Dashboard };

    public static Dictionary<string, ChatMessage> AllSamples()
    {
        var samples = new Dictionary<string, ChatMessage>
        {
            ["pods-40"] = SampleMessages.PodsTable(),
            ["triage"] = SampleMessages.TriageReport(),
            ["approval"] = SampleMessages.ApprovalCard(),
            ["text-only"] = new("just text <b>"),
            ["header-only"] = new("t") { Header = "only a header" },
            ["empty-blocks"] = new("t") { Blocks = [new SectionBlock(RichText.Empty), new ContextBlock([]), new ActionsBlock([]), new TableBlock([], [])] },
            ["divider-last"] = new("t") { Blocks = [new SectionBlock("a"), new DividerBlock()] },
            ["actions-middle"] = new("t") { Blocks = [new ActionsBlock([new ChatButton("a.b", "A"), new ChatButton("a.b", "B")]), new SectionBlock("after")] },
        };
        foreach (var (name, message) in SampleMessages.OverLimits())
        {
            samples["limits-" + name] = message;
        }

        for (var i = 0; i < SampleMessages.Hostile.Length; i++)
        {
            samples[$"hostile-{i}"] = SampleMessages.Everywhere(SampleMessages.Hostile[i]);
        }

        samples["hostile-100kb"] = SampleMessages.Everywhere(string.Concat(Enumerable.Repeat(string.Join(' ', SampleMessages.Hostile), 100_000 / 300)));
        return samples;
    }

    [Fact]
    public async Task Renderers_EverySample_PassVendorValidators()
    {
        var samples = AllSamples();
        var slack = samples.ToDictionary(pair => pair.Key, pair => new SlackBlockKitRenderer().Render(pair.Value, Options).ToJsonString());
        var teams = samples.ToDictionary(pair => pair.Key, pair => new AdaptiveCardRenderer().Render(pair.Value, Options).ToJsonString());

        var output = await NodeValidators.ValidateAsync(slack, teams);

        Assert.Contains($"slack payloads: {samples.Count} valid, 0 invalid", output);
        Assert.Contains($"adaptive cards: {samples.Count} valid, 0 invalid", output);
    }

    [Fact]
    public async Task Validators_BrokenPayloads_AreRefused()
    {
        var slack = new Dictionary<string, string>
        {
            ["bad-slack"] = """{"text":"","blocks":[{"type":"header","text":{"type":"mrkdwn","text":"h"}},{"type":"section","text":{"type":"mrkdwn","text":"x"},"colour":1}]}""",
        };
        var header = new JsonObject { ["type"] = "TextBlock", ["text"] = "x", ["size"] = "Huge" };
        var teams = new Dictionary<string, string>
        {
            ["bad-card"] = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(header), ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "x" }) }.ToJsonString(),
        };

        var error = await Assert.ThrowsAsync<NodeValidationException>(() => NodeValidators.ValidateAsync(slack, teams));

        Assert.Contains("TS2322", error.Message); // mrkdwn is not plain_text in a header
        Assert.Contains("colour", error.Message); // excess property
        Assert.Contains("text is empty", error.Message);
        Assert.Contains("Invalid value \"Huge\"", error.Message);
        Assert.Contains("\"url\" must be set", error.Message);
    }
}
