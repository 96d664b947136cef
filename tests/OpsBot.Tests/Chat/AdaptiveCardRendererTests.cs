using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

public sealed class AdaptiveCardRendererTests
{
    private static readonly RenderOptions Options = new() { DashboardUrl = SampleMessages.Dashboard };
    private readonly AdaptiveCardRenderer _renderer = new();

    private static string[] Types(JsonObject card) => [.. card["body"]!.AsArray().Select(element => (string)element!["type"]!)];

    [Fact]
    public void Render_Any_IsAnAdaptiveCard15()
    {
        var card = _renderer.Render(SampleMessages.TriageReport(), Options);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        var header = card["body"]![0]!;
        Assert.Equal("Triage: deploy/frontend", (string?)header["text"]);
        Assert.Equal("Large", (string?)header["size"]);
        Assert.Equal("Bolder", (string?)header["weight"]);
        Assert.True((bool)header["wrap"]!);
    }

    [Fact]
    public void Render_TriageReport_RunsFactsCodeContextAndActions()
    {
        var card = _renderer.Render(SampleMessages.TriageReport(), Options);

        Assert.Equal(["TextBlock", "RichTextBlock", "FactSet", "RichTextBlock", "Container", "FactSet", "TextBlock"], Types(card));
        var runs = card["body"]![1]!["inlines"]!.AsArray();
        Assert.Equal("frontend", (string?)runs[0]!["text"]);
        Assert.Equal("Bolder", (string?)runs[0]!["weight"]);
        Assert.True((bool)runs[2]!["italic"]!);
        Assert.Equal(6, card["body"]![2]!["facts"]!.AsArray().Count);
        Assert.True((bool)card["body"]![3]!["separator"]!); // the divider
        var code = card["body"]![4]!["items"]![0]!["inlines"]![0]!;
        Assert.Equal("Monospace", (string?)code["fontType"]);
        Assert.StartsWith("2026-01-10T10:00:01Z INFO listening on :8080\n", (string?)code["text"]);
        Assert.Equal("[OOMKilled](https://runbooks.example.com/oom)", (string?)card["body"]![5]!["facts"]![1]!["value"]);
        var context = card["body"]![6]!;
        Assert.Equal("Small", (string?)context["size"]);
        Assert.True((bool)context["isSubtle"]!);
        var actions = card["actions"]!.AsArray();
        Assert.Equal("Action.Execute", (string?)actions[0]!["type"]);
        Assert.Equal("Action.OpenUrl", (string?)actions[1]!["type"]);
        Assert.Equal(SampleMessages.Dashboard.AbsoluteUri, (string?)actions[1]!["url"]);
    }

    [Fact]
    public void Render_ApprovalCard_ApproveExecutesAndRejectConfirmsInShowCard()
    {
        var card = _renderer.Render(SampleMessages.ApprovalCard(), Options);

        var actions = card["actions"]!.AsArray();
        var approve = actions[0]!;
        Assert.Equal("Action.Execute", (string?)approve["type"]);
        Assert.Equal("workflow.approve", (string?)approve["verb"]);
        Assert.Equal("positive", (string?)approve["style"]);
        Assert.Equal("""{"actionId":"workflow.approve","value":"wf-01HZX3"}""", approve["data"]!.ToJsonString());
        var reject = actions[1]!;
        Assert.Equal("Action.ShowCard", (string?)reject["type"]);
        Assert.Equal("destructive", (string?)reject["style"]);
        var sub = reject["card"]!;
        Assert.Equal("Reject the rollback?", (string?)sub["body"]![0]!["text"]);
        Assert.Equal("alice's request will be closed and nothing will change.", (string?)sub["body"]![1]!["text"]);
        Assert.Contains("Keep it open", (string?)sub["body"]![2]!["text"]);
        var real = sub["actions"]![0]!;
        Assert.Equal("Action.Execute", (string?)real["type"]);
        Assert.Equal("workflow.reject", (string?)real["verb"]);
        Assert.Equal("destructive", (string?)real["style"]);
        Assert.Equal("wf-01HZX3", (string?)real["data"]!["value"]);
    }

    [Fact]
    public void Render_PodsTable_TableWithHeaderRowAndAlignment()
    {
        var card = _renderer.Render(SampleMessages.PodsTable(), Options);

        Assert.Equal(["TextBlock", "TextBlock", "Table", "TextBlock"], Types(card));
        var table = card["body"]![2]!;
        Assert.Equal(6, table["columns"]!.AsArray().Count);
        Assert.Equal("Right", (string?)table["columns"]![3]!["horizontalCellContentAlignment"]);
        Assert.True((bool)table["firstRowAsHeader"]!);
        var rows = table["rows"]!.AsArray();
        Assert.Equal(41, rows.Count);
        Assert.Equal("NAME", (string?)rows[0]!["cells"]![0]!["items"]![0]!["text"]);
        Assert.Equal("frontend-7d9c8b6f5-0001b", (string?)rows[28]!["cells"]![0]!["items"]![0]!["text"]);
    }

    [Fact]
    public void Render_DefaultButton_StyleDefault()
    {
        var card = _renderer.Render(new ChatMessage("t") { Blocks = [new ActionsBlock([new ChatButton("a.b", "Go", "1")])] });

        Assert.Equal("default", (string?)card["actions"]![0]!["style"]);
    }

    [Fact]
    public void Render_ActionsInTheMiddle_BecomeAnActionSet()
    {
        var card = _renderer.Render(new ChatMessage("t") { Blocks = [new ActionsBlock([new ChatButton("a.b", "Go")]), new SectionBlock("after")] });

        Assert.Equal(["ActionSet", "RichTextBlock"], Types(card));
        Assert.Null(card["actions"]);
    }

    [Theory]
    [InlineData("huge-table")]
    [InlineData("huge-text")]
    [InlineData("sixty-blocks")]
    public void Render_OverLimits_StaysUnder80KB(string name)
    {
        var card = _renderer.Render(SampleMessages.OverLimits()[name], Options);

        Assert.True(AdaptiveCardRenderer.SizeOf(card) <= AdaptiveCardLimits.CardBytes, $"{AdaptiveCardRenderer.SizeOf(card)} bytes");
    }

    [Fact]
    public void Render_HugeTable_DropsRowsWithAndMoreAndDashboardLink()
    {
        var card = _renderer.Render(SampleMessages.OverLimits()["huge-table"], Options);

        var note = card["body"]!.AsArray().Select(element => (string?)element!["text"]).Single(text => text?.Contains("more rows", StringComparison.Ordinal) == true);
        Assert.Matches(@"^_…and \d+ more rows_ · \[Open in dashboard\]\(https://opsbot\.example\.com/console/requests/42\)$", note);
    }

    [Fact]
    public void Render_ThirtyButtons_KeepsFiveAndSaysHowManyMore()
    {
        var card = _renderer.Render(SampleMessages.OverLimits()["thirty-buttons"], Options);

        Assert.Equal(AdaptiveCardLimits.Actions, card["actions"]!.AsArray().Count);
        Assert.Contains(card["body"]!.AsArray(), element => ((string?)element!["text"])?.StartsWith("_…and 25 more buttons_", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Render_LongButtonText_CutTo75()
    {
        var card = _renderer.Render(SampleMessages.OverLimits()["long-button"]);

        Assert.Equal(new string('b', 74) + "…", (string?)card["actions"]![0]!["title"]);
    }
}
