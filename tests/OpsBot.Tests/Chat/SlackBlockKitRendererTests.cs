using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

public sealed class SlackBlockKitRendererTests
{
    private static readonly RenderOptions Options = new() { DashboardUrl = SampleMessages.Dashboard };
    private readonly SlackBlockKitRenderer _renderer = new();

    private static string[] Types(JsonObject payload) => [.. payload["blocks"]!.AsArray().Select(block => (string)block!["type"]!)];

    private static JsonNode Block(JsonObject payload, int index) => payload["blocks"]![index]!;

    [Fact]
    public void Render_PodsTable_AlignedRowsInCodeFences()
    {
        var payload = _renderer.Render(SampleMessages.PodsTable(), Options);

        PayloadAssert.WithinSlackLimits(payload);
        Assert.Equal("40 pods in namespace shop", (string?)payload["text"]);
        Assert.Equal(["header", "section", "section", "context"], Types(payload));
        Assert.Equal("Pods in shop", (string?)Block(payload, 0)["text"]!["text"]);
        var first = (string)Block(payload, 1)["text"]!["text"]!;
        var second = (string)Block(payload, 2)["text"]!["text"]!;
        Assert.StartsWith("*kubectl get pods -n shop*\n```\nNAME                      READY  STATUS            RESTARTS  AGE", first);
        Assert.StartsWith("```\n", second);
        Assert.EndsWith("\n```", second);
        var rows = (first + second).Split('\n').Where(line => line.StartsWith("frontend-", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, rows.Count);
        Assert.Equal("frontend-7d9c8b6f5-00003  0/1    CrashLoopBackOff         9  4h3m   ip-10-0-0-13.eu-west-1.compute.internal", rows[3]);
        Assert.Equal("cluster `prod-eu`", (string?)Block(payload, 3)["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_TriageReport_MapsEveryBlock()
    {
        var payload = _renderer.Render(SampleMessages.TriageReport(), Options);

        PayloadAssert.WithinSlackLimits(payload);
        Assert.Equal(["header", "section", "divider", "section", "section", "section", "context", "actions"], Types(payload));
        Assert.Equal("*frontend* is crash-looping: containers are _OOMKilled_ after \u200B~\u200B4 min", (string?)Block(payload, 1)["text"]!["text"]);
        Assert.Equal(6, Block(payload, 1)["fields"]!.AsArray().Count);
        Assert.Equal("*Deployment*\n`frontend`", (string?)Block(payload, 1)["fields"]![1]!["text"]);
        Assert.StartsWith("```\n2026-01-10T10:00:01Z INFO", (string?)Block(payload, 4)["text"]!["text"]);
        Assert.Equal("*Runbook*\n<https://runbooks.example.com/oom|OOMKilled>", (string?)Block(payload, 5)["fields"]![1]!["text"]);
        var link = Block(payload, 7)["elements"]![1]!;
        Assert.Equal(SampleMessages.Dashboard.AbsoluteUri, (string?)link["url"]);
        Assert.Null(link["style"]);
    }

    [Fact]
    public void Render_ApprovalCard_ButtonsCarryStyleValueAndConfirm()
    {
        var payload = _renderer.Render(SampleMessages.ApprovalCard(), Options);

        PayloadAssert.WithinSlackLimits(payload);
        var buttons = Block(payload, 2)["elements"]!.AsArray();
        Assert.Equal("workflow.approve", (string?)buttons[0]!["action_id"]);
        Assert.Equal("wf-01HZX3", (string?)buttons[0]!["value"]);
        Assert.Equal("primary", (string?)buttons[0]!["style"]);
        Assert.Null(buttons[0]!["confirm"]);
        Assert.Equal("danger", (string?)buttons[1]!["style"]);
        var confirm = buttons[1]!["confirm"]!;
        Assert.Equal("Reject the rollback?", (string?)confirm["title"]!["text"]);
        Assert.Equal("plain_text", (string?)confirm["text"]!["type"]);
        Assert.Equal("Reject", (string?)confirm["confirm"]!["text"]);
        Assert.Equal("Keep it open", (string?)confirm["deny"]!["text"]);
    }

    [Fact]
    public void Render_RepeatedActionIds_AreNumberedAndParseBack()
    {
        var message = new ChatMessage("two") { Blocks = [new ActionsBlock([new ChatButton("workflow.approve", "A", "1"), new ChatButton("workflow.approve", "B", "2")])] };

        var payload = _renderer.Render(message);

        var ids = Block(payload, 0)["elements"]!.AsArray().Select(button => (string)button!["action_id"]!).ToList();
        Assert.Equal(["workflow.approve", "workflow.approve~2"], ids);
        Assert.All(ids, id => Assert.Equal("workflow.approve", SlackActionIds.Parse(id)));
    }

    [Fact]
    public void Render_LongSection_CutTo3000WithEllipsis()
    {
        var payload = _renderer.Render(SampleMessages.OverLimits()["long-section"], Options);

        var text = (string)Block(payload, 0)["text"]!["text"]!;
        Assert.Equal(SlackLimits.SectionText, text.Length);
        Assert.EndsWith("a…", text);
    }

    [Fact]
    public void Render_SixtyBlocks_KeepsFiftyWithAndMoreAndDashboardLink()
    {
        var payload = _renderer.Render(SampleMessages.OverLimits()["sixty-blocks"], Options);

        PayloadAssert.WithinSlackLimits(payload);
        var blocks = payload["blocks"]!.AsArray();
        Assert.Equal(50, blocks.Count);
        Assert.Equal("block 49", (string?)blocks[48]!["text"]!["text"]);
        Assert.Equal("_…and 11 more blocks_ · <https://opsbot.example.com/console/requests/42|Open in dashboard>", (string?)blocks[49]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_ThirtyButtons_Keeps25AndSaysHowManyMore()
    {
        var payload = _renderer.Render(SampleMessages.OverLimits()["thirty-buttons"], Options);

        PayloadAssert.WithinSlackLimits(payload);
        Assert.Equal(25, Block(payload, 0)["elements"]!.AsArray().Count);
        Assert.StartsWith("_…and 5 more buttons_", (string?)Block(payload, 1)["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_TwelveFields_KeepsNineAndAMoreField()
    {
        var payload = _renderer.Render(SampleMessages.OverLimits()["twelve-fields"], Options);

        var fields = Block(payload, 0)["fields"]!.AsArray();
        Assert.Equal(10, fields.Count);
        Assert.Equal("*Field 9*\nvalue 9", (string?)fields[8]!["text"]);
        Assert.Equal("_…and 3 more fields_", (string?)fields[9]!["text"]);
    }

    [Theory]
    [InlineData("long-header")]
    [InlineData("long-button")]
    [InlineData("long-confirm")]
    [InlineData("huge-text")]
    [InlineData("huge-table")]
    [InlineData("many-contexts")]
    public void Render_OverLimits_StaysWithinEveryLimit(string name)
    {
        var payload = _renderer.Render(SampleMessages.OverLimits()[name], Options);

        PayloadAssert.WithinSlackLimits(payload);
        Assert.NotNull(JsonNode.Parse(payload.ToJsonString()));
    }

    [Fact]
    public void Render_LongHeaderAndButton_CutWithEllipsis()
    {
        var header = (string)Block(_renderer.Render(SampleMessages.OverLimits()["long-header"]), 0)["text"]!["text"]!;
        var button = (string)Block(_renderer.Render(SampleMessages.OverLimits()["long-button"]), 0)["elements"]![0]!["text"]!["text"]!;

        Assert.Equal(new string('h', 149) + "…", header);
        Assert.Equal(new string('b', 74) + "…", button);
    }

    [Fact]
    public void Render_HugeTable_FourSectionsThenAndMoreRows()
    {
        var payload = _renderer.Render(SampleMessages.OverLimits()["huge-table"], Options);

        Assert.Equal(["header", "section", "section", "section", "section", "context", "context"], Types(payload));
        Assert.Matches(@"^_…and \d+ more rows_ · <https://opsbot\.example\.com/", (string?)Block(payload, 5)["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_NoBlocks_UsesTextAsSection()
    {
        var payload = _renderer.Render(new ChatMessage("just <text>"));

        Assert.Equal("just &lt;text&gt;", (string?)payload["text"]);
        Assert.Equal("just &lt;text&gt;", (string?)Block(payload, 0)["text"]!["text"]);
    }
}
