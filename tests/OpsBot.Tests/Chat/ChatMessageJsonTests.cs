using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Chat;

public sealed class ChatMessageJsonTests
{
    [Theory]
    [InlineData("triage")]
    [InlineData("approval")]
    [InlineData("pods")]
    [InlineData("hostile")]
    public void Serialize_ThenDeserialize_RoundTrips(string name)
    {
        var message = name switch
        {
            "triage" => SampleMessages.TriageReport(),
            "approval" => SampleMessages.ApprovalCard(),
            "pods" => SampleMessages.PodsTable(),
            _ => SampleMessages.Everywhere(string.Join(' ', SampleMessages.Hostile)),
        };

        var json = ChatMessageJson.Serialize(message);
        var back = ChatMessageJson.Deserialize(json);

        Assert.Equal(json, ChatMessageJson.Serialize(back));
        Assert.Equal(message.Blocks.Select(block => block.GetType()), back.Blocks.Select(block => block.GetType()));
        Assert.Equal(message.Text, back.Text);
        Assert.Equal(message.Buttons, back.Buttons);
    }

    [Fact]
    public void Serialize_Blocks_HaveTypeDiscriminatorAndCamelCase()
    {
        var json = JsonNode.Parse(ChatMessageJson.Serialize(SampleMessages.TriageReport()))!;

        Assert.Equal("Triage: deploy/frontend", (string?)json["header"]);
        Assert.Equal(
            ["section", "divider", "section", "code", "fields", "context", "actions"],
            json["blocks"]!.AsArray().Select(block => (string?)block!["type"]));
        Assert.Equal("bold", (string?)json["blocks"]![0]!["text"]![0]!["style"]);
        Assert.Null(json["blocks"]![0]!["text"]![1]!["style"]); // plain is the default, left out
        Assert.Equal("Namespace", (string?)json["blocks"]![0]!["fields"]![0]!["label"]);
        var button = json["blocks"]![6]!["buttons"]![0]!;
        Assert.Equal("workflow.propose-memory", (string?)button["actionId"]);
        Assert.Equal("primary", (string?)button["style"]);
        Assert.Null(json["threadKey"]);
    }

    [Fact]
    public void Serialize_Approval_CarriesConfirmAndThread()
    {
        var json = JsonNode.Parse(ChatMessageJson.Serialize(SampleMessages.ApprovalCard()))!;

        var reject = json["blocks"]![1]!["buttons"]![1]!;
        Assert.Equal("danger", (string?)reject["style"]);
        Assert.Equal("Keep it open", (string?)reject["confirm"]!["denyText"]);
        Assert.Equal("wf-01HZX3", (string?)reject["value"]);
        Assert.Equal("1700000000.000100", (string?)json["threadKey"]);
    }

    [Fact]
    public void Deserialize_RichTextAsString_IsPlainText()
    {
        var message = ChatMessageJson.Deserialize("""{"text":"t","blocks":[{"type":"section","text":"hello *x*"}]}""");

        var section = Assert.IsType<SectionBlock>(Assert.Single(message.Blocks));
        Assert.Equal(RichText.Plain("hello *x*"), section.Text);
    }

    [Fact]
    public void Deserialize_UnknownBlockType_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ChatMessageJson.Deserialize("""{"text":"t","blocks":[{"type":"iframe"}]}"""));
    }
}
