using System.Globalization;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Chat;

/// <summary>Realistic, oversized and hostile messages shared by the renderer tests.</summary>
internal static class SampleMessages
{
    public static readonly Uri Dashboard = new("https://opsbot.example.com/console/requests/42");

    /// <summary>Hostile strings a pod name, log line or user argument could carry.</summary>
    public static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "<!channel> <!here> <@U123> <#C123>",
        "*bold* _it_ ~strike~ `code` ```fence```",
        "[x](javascript:alert(1))",
        "\"quotes' & ampersands",
        "../../etc/passwd",
        "\u202Eevil\u202C rtl and emoji 🔥🚀 👩‍👩‍👧",
        "# heading\n- item\n1. first\n> quote\n\\ backslash",
        "<https://evil.example|click me> &lt;already&gt;",
        "\u0000 nul \u0007 bell",
    ];

    public static ChatMessage PodsTable(int count = 40)
    {
        string[] statuses = ["Running", "Running", "Running", "CrashLoopBackOff", "OOMKilled", "Pending"];
        var rows = Enumerable.Range(0, count).Select(i => (IReadOnlyList<string>)
        [
            $"frontend-7d9c8b6f5-{i:x5}",
            i % 4 == 3 ? "0/1" : "1/1",
            statuses[i % statuses.Length],
            (i * 3 % 17).ToString(CultureInfo.InvariantCulture),
            $"{(i % 9) + 1}h{i % 60}m",
            $"ip-10-0-{i % 3}-{10 + i}.eu-west-1.compute.internal",
        ]).ToList();
        return new ChatMessage($"{count} pods in namespace shop")
        {
            Header = "Pods in shop",
            Blocks =
            [
                new TableBlock(["NAME", "READY", "STATUS", new TableColumn("RESTARTS", ColumnAlignment.Right), "AGE", "NODE"], rows)
                {
                    Caption = "kubectl get pods -n shop",
                },
                new ContextBlock(["cluster " + RichText.Code("prod-eu"), "namespace " + RichText.Code("shop"), "asked by alice"]),
            ],
        };
    }

    public static ChatMessage TriageReport() => new("frontend: 3 of 5 pods crash-looping (OOMKilled)")
    {
        Header = "Triage: deploy/frontend",
        Blocks =
        [
            new SectionBlock(RichText.Bold("frontend") + " is crash-looping: containers are " + RichText.Italic("OOMKilled") + " after ~4 min")
            {
                Fields =
                [
                    new("Namespace", "shop"),
                    new("Deployment", RichText.Code("frontend")),
                    new("Ready", "2/5"),
                    new("Restarts (1h)", "37"),
                    new("Memory limit", "512Mi"),
                    new("Peak usage", "511Mi"),
                ],
            },
            new DividerBlock(),
            new SectionBlock(RichText.Bold("Evidence")),
            new CodeBlock("2026-01-10T10:00:01Z INFO listening on :8080\n2026-01-10T10:03:58Z WARN heap 498Mi\nKilled (exit code 137)"),
            new FieldsBlock([new("Suggested fix", "raise memory limit to 1Gi"), new("Runbook", RichText.Link("OOMKilled", new Uri("https://runbooks.example.com/oom")))]),
            new ContextBlock(["prod-eu", "2 min ago", RichText.Link("dashboard", Dashboard)]),
            new ActionsBlock(
            [
                new ChatButton("workflow.propose-memory", "Raise limit to 1Gi", "frontend|1Gi") { Style = ButtonStyle.Primary },
                ChatButton.Link("link.dashboard", "Open dashboard", Dashboard),
            ]),
        ],
    };

    public static ChatMessage ApprovalCard() => new("Approval needed: rollback deploy/frontend to revision 41 (requested by alice)")
    {
        Header = "Rollback deploy/frontend?",
        ThreadKey = "1700000000.000100",
        Blocks =
        [
            new SectionBlock(RichText.Bold("alice") + " asks to roll back " + RichText.Code("deploy/frontend") + " in " + RichText.Code("shop") + " from revision 42 to 41.")
            {
                Fields = [new("Workflow", "wf-01HZX3"), new("Expires", "in 15 min"), new("Needs", "1 approval (not alice)")],
            },
            new ActionsBlock(
            [
                new ChatButton("workflow.approve", "Approve", "wf-01HZX3") { Style = ButtonStyle.Primary },
                new ChatButton("workflow.reject", "Reject", "wf-01HZX3")
                {
                    Style = ButtonStyle.Danger,
                    Confirm = new ConfirmDialog("Reject the rollback?", "alice's request will be closed and nothing will change.", "Reject", "Keep it open"),
                },
            ]),
        ],
    };

    /// <summary>A message of every block kind with <paramref name="text"/> in every text slot.</summary>
    public static ChatMessage Everywhere(string text) => new(text)
    {
        Header = text,
        Blocks =
        [
            new SectionBlock(text + " " + RichText.Bold(text) + " " + RichText.Italic(text) + " " + RichText.Code(text) + " " + RichText.Link(text, new Uri("https://example.com/?q=<x>&y=\"1\"|2")))
            {
                Fields = [new(text, text)],
            },
            new FieldsBlock([new(text, RichText.Bold(text))]),
            new CodeBlock(text),
            new TableBlock([text, new TableColumn(text, ColumnAlignment.Right)], [[text, text]]) { Caption = text },
            new ContextBlock([text, RichText.Italic(text)]),
            new DividerBlock(),
            new ActionsBlock(
            [
                new ChatButton("hostile.test", text, Value(text)) { Confirm = new ConfirmDialog(text, text, text, text), Style = ButtonStyle.Danger },
                new ChatButton("hostile.plain", text, Value(text)),
            ]),
        ],
    };

    private static string Value(string text) => text.Length <= ChatButton.MaxValueLength ? text : text[..ChatButton.MaxValueLength];

    /// <summary>Messages that break every platform limit the renderers enforce.</summary>
    public static IReadOnlyDictionary<string, ChatMessage> OverLimits() => new Dictionary<string, ChatMessage>
    {
        ["long-section"] = new("long") { Blocks = [new SectionBlock(new string('a', 5000))] },
        ["sixty-blocks"] = new("many blocks") { Blocks = [.. Enumerable.Range(1, 60).Select(i => new SectionBlock($"block {i}"))] },
        ["thirty-buttons"] = new("many buttons")
        {
            Blocks = [new ActionsBlock([.. Enumerable.Range(1, 30).Select(i => new ChatButton("bulk.act", $"Button {i}", i.ToString(CultureInfo.InvariantCulture)))])],
        },
        ["twelve-fields"] = new("many fields") { Blocks = [new SectionBlock("facts") { Fields = [.. Enumerable.Range(1, 12).Select(i => new MessageField($"Field {i}", $"value {i}"))] }] },
        ["long-header"] = new("long header") { Header = new string('h', 200), Blocks = [new SectionBlock("x")] },
        ["long-button"] = new("long button") { Blocks = [new ActionsBlock([new ChatButton("a.b", new string('b', 100), "v")])] },
        ["huge-text"] = new(new string('x', 100_000)) { Header = "huge", Blocks = [new SectionBlock(new string('y', 100_000)), new CodeBlock(new string('<', 100_000))] },
        ["huge-table"] = PodsTable(2000),
        ["many-contexts"] = new("contexts") { Blocks = [new ContextBlock([.. Enumerable.Range(1, 14).Select(i => (RichText)$"c{i}")])] },
        ["long-confirm"] = new("confirm")
        {
            Blocks = [new ActionsBlock([new ChatButton("a.b", "Go", "v") { Style = ButtonStyle.Danger, Confirm = new ConfirmDialog(new string('t', 200), new string('x', 500), new string('c', 50), new string('d', 50)) }])],
        },
    };
}
