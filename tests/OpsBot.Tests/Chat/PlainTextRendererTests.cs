using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

public sealed class PlainTextRendererTests
{
    private readonly PlainTextRenderer _renderer = new();

    [Fact]
    public void Render_PodsTable_AlignedColumns()
    {
        var lines = _renderer.Render(SampleMessages.PodsTable()).Split('\n');

        Assert.Equal("Pods in shop", lines[0]);
        Assert.Equal("kubectl get pods -n shop", lines[2]);
        Assert.Equal("NAME                      READY  STATUS            RESTARTS  AGE    NODE", lines[3]);
        Assert.Equal("frontend-7d9c8b6f5-0000a  1/1    OOMKilled               13  2h10m  ip-10-0-1-20.eu-west-1.compute.internal", lines[14]);
        Assert.Equal(40, lines.Count(line => line.StartsWith("frontend-", StringComparison.Ordinal)));
        Assert.Equal("cluster prod-eu · namespace shop · asked by alice", lines[^1]);
    }

    [Fact]
    public void Render_ApprovalCard_FieldsAndButtons()
    {
        var text = _renderer.Render(SampleMessages.ApprovalCard());

        Assert.Equal(
            "Rollback deploy/frontend?\n\n" +
            "alice asks to roll back deploy/frontend in shop from revision 42 to 41.\n" +
            "Workflow: wf-01HZX3\nExpires: in 15 min\nNeeds: 1 approval (not alice)\n\n" +
            "[Approve] [Reject]",
            text);
    }

    [Fact]
    public void Render_Links_TextThenUrl()
    {
        var text = _renderer.Render(SampleMessages.TriageReport());

        Assert.Contains("Runbook: OOMKilled (https://runbooks.example.com/oom)", text);
        Assert.EndsWith("[Raise limit to 1Gi] [Open dashboard] (https://opsbot.example.com/console/requests/42)", text);
    }

    [Fact]
    public void Render_NoBlocks_IsTheText()
    {
        Assert.Equal("hello", _renderer.Render(new ChatMessage("hello")));
    }
}
