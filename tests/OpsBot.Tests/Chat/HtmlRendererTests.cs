using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

public sealed class HtmlRendererTests
{
    private readonly HtmlRenderer _renderer = new();

    [Fact]
    public void Render_ApprovalCard_ButtonsWithDataAttributes()
    {
        var html = _renderer.Render(SampleMessages.ApprovalCard());

        Assert.StartsWith("<div class=\"chat-message\"><h3 class=\"chat-header\">Rollback deploy/frontend?</h3>", html);
        Assert.Contains("<button type=\"button\" class=\"btn btn-primary\" data-action-id=\"workflow.approve\" data-value=\"wf-01HZX3\">Approve</button>", html);
        Assert.Contains(
            "<button type=\"button\" class=\"btn btn-danger\" data-action-id=\"workflow.reject\" data-value=\"wf-01HZX3\" " +
            "data-confirm=\"Reject the rollback?&#xA;&#xA;alice&#x27;s request will be closed and nothing will change.\" " +
            "data-confirm-ok=\"Reject\" data-confirm-cancel=\"Keep it open\">Reject</button>",
            html);
        Assert.Contains("<dl class=\"chat-fields\"><dt>Workflow</dt><dd>wf-01HZX3</dd>", html);
        Assert.Contains("<strong>alice</strong> asks to roll back <code>deploy/frontend</code>", html);
    }

    [Fact]
    public void Render_PodsTable_HtmlTable()
    {
        var html = _renderer.Render(SampleMessages.PodsTable());

        Assert.Contains("<table class=\"chat-table\"><caption>kubectl get pods -n shop</caption><thead><tr><th>NAME</th>", html);
        Assert.Contains("<th class=\"align-right\">RESTARTS</th>", html);
        Assert.Equal(41, html.Split("<tr>").Length - 1);
        Assert.Contains("<td>frontend-7d9c8b6f5-00003</td><td>0/1</td><td>CrashLoopBackOff</td><td class=\"align-right\">9</td>", html);
    }

    [Fact]
    public void Render_TriageReport_CodeLinksAndContext()
    {
        var html = _renderer.Render(SampleMessages.TriageReport());

        Assert.Contains("<pre class=\"chat-code\"><code>2026-01-10T10:00:01Z INFO listening on :8080&#xA;", html);
        Assert.Contains("<a href=\"https://runbooks.example.com/oom\" rel=\"noopener noreferrer\" target=\"_blank\">OOMKilled</a>", html);
        Assert.Contains("<a class=\"btn btn-link\" href=\"https://opsbot.example.com/console/requests/42\" rel=\"noopener noreferrer\" target=\"_blank\">Open dashboard</a>", html);
        Assert.Contains("<p class=\"chat-context\"><small>prod-eu · 2 min ago · <a", html);
        Assert.Contains("<hr>", html);
    }

    [Fact]
    public void Render_NonHttpLink_IsText()
    {
        var html = _renderer.Render(new ChatMessage("t") { Blocks = [new SectionBlock(RichText.Link("click", new Uri("javascript:alert(1)")))] });

        Assert.Equal("<div class=\"chat-message\"><p class=\"chat-section\">click</p></div>", html);
    }
}
