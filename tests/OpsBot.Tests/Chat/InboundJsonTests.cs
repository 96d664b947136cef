using System.Text;
using OpsBot.Chat;

namespace OpsBot.Tests.Chat;

public sealed class InboundJsonTests
{
    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "Duplicate property 'a'")]
    [InlineData("{\"o\":{\"b\":1,\"b\":2}}", "Duplicate property 'b'")]
    [InlineData("{\"list\":[{\"c\":1,\"c\":1}]}", "Duplicate property 'c'")]
    [InlineData("[1]", "must be a JSON object, not an array")]
    [InlineData("\"text\"", "must be a JSON object, not a string")]
    [InlineData("{", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public void ParseObject_UnusableBody_RefusedWithTheReason(string json, string reason)
    {
        Assert.Null(InboundJson.ParseObject(json, out var refusal));
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.Null(InboundJson.ParseObject(Encoding.UTF8.GetBytes(json), out var bytesRefusal));
        Assert.Contains(reason, bytesRefusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_LoneSurrogate_Refused()
    {
        Assert.Null(InboundJson.ParseObject("{\"a\":\"" + (char)0xDE41 + "\"}", out var refusal));
        Assert.Contains("lone UTF-16 surrogate", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_NamesThatDifferInCase_AreDistinct()
    {
        var root = InboundJson.ParseObject("{\"a\":1,\"A\":\"x\"}", out var refusal);

        Assert.Null(refusal);
        Assert.Equal("x", new JsonFields(root!.Value, "test").String("A"));
    }

    [Theory]
    [InlineData("{\"user\":\"U1\"}", "test: \"user\" must be an object, not a string")]
    [InlineData("{\"user\":[]}", "test: \"user\" must be an object, not an array")]
    [InlineData("{\"user\":{\"id\":5}}", "test: \"user.id\" must be a string, not a number")]
    [InlineData("{\"user\":{\"id\":true}}", "test: \"user.id\" must be a string, not a boolean")]
    public void JsonFields_WrongKind_ReadsAsAbsentAndNamesThePath(string json, string error)
    {
        var fields = new JsonFields(InboundJson.ParseObject(json, out _)!.Value, "test");

        Assert.Null(fields.String("user", "id"));
        Assert.Equal(error, fields.Error);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"user\":null}")]
    [InlineData("{\"user\":{\"id\":null}}")]
    [InlineData("{\"user\":{\"id\":\"\"}}")]
    public void JsonFields_Absent_ReadsAsAbsentWithoutError(string json)
    {
        var fields = new JsonFields(InboundJson.ParseObject(json, out _)!.Value, "test");

        Assert.Null(fields.String("user", "id"));
        Assert.Null(fields.Error);
        Assert.Null(fields.Required("user", "id"));
        Assert.Equal("test: \"user.id\" is required", fields.Error);
    }
}
