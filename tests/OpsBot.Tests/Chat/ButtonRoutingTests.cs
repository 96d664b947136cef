using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Chat;

public sealed class ButtonRoutingTests
{
    private static async Task<JsonObject> PressAsync(HttpClient client, string actionId, string value, string user) =>
        (await (await client.PostAsJsonAsync("/api/console/actions", new { actionId, value, user, channel = "incident" })).Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task RunCommand_Pressed_RunsTheCommandAsThePresser()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var body = await PressAsync(client, "command.run", "/k8s hpa -n ecommerce-production", "carol");

        Assert.Contains("frontend", (string?)body["text"], StringComparison.Ordinal);
        Assert.False((bool)body["ephemeral"]!);
    }

    [Fact]
    public async Task RunCommand_PressedByUnknownUser_IsRefusedLikeTypingIt()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var body = await PressAsync(client, "command.run", "/k8s pods", "mallory");

        Assert.Contains("You (mallory) have no role in OpsBot", (string?)body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCommand_ForgedValue_GetsTheParsersError()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var body = await PressAsync(client, "command.run", "/k8s pods <b>../../etc</b>", "alice");

        Assert.True((bool)body["ephemeral"]!);
        Assert.Contains("not a valid", (string?)body["text"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", (string?)body["html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownButton_IsAnsweredPlainly()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var body = await PressAsync(client, "nothing.here", "x", "alice");

        Assert.Contains("This button is not known", (string?)body["text"], StringComparison.Ordinal);
        Assert.True((bool)body["ephemeral"]!);
    }
}
