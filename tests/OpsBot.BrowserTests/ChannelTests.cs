using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.BrowserTests;

/// <summary>A console channel is shared: people see each other's messages and later updates, in place.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChannelTests(Chromium chromium)
{
    [Fact]
    public async Task TwoUsersInOneChannel_SeeEachOthersMessages()
    {
        await using var server = new ConsoleServer();
        var alice = await ConsolePage.OpenAsync(chromium.Browser, server, "alice");
        var bob = await ConsolePage.OpenAsync(chromium.Browser, server, "bob");

        await alice.RunAsync("/k8s nodes");
        var seenByBob = await bob.MessageForAsync("/k8s nodes");
        await bob.RunAsync("/k8s hpa -n ecommerce-production");
        var seenByAlice = await alice.MessageForAsync("/k8s hpa -n ecommerce-production");

        await Assertions.Expect(seenByBob.Locator(".who .user")).ToHaveTextAsync("alice");
        await Assertions.Expect(seenByBob.Locator(".reply")).ToContainTextAsync("3 nodes: 3 ready");
        await Assertions.Expect(seenByAlice.Locator(".who .user")).ToHaveTextAsync("bob");
        await Assertions.Expect(seenByAlice.Locator(".reply")).ToContainTextAsync("frontend");

        // Another channel is another feed.
        await bob.Page.SelectOptionAsync("#channel", "sre");
        await Assertions.Expect(bob.Page.Locator("#messages > li")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WorkflowUpdates_ReRenderTheMessageInPlaceForEveryone()
    {
        await using var server = new ConsoleServer();
        var alice = await ConsolePage.OpenAsync(chromium.Browser, server, "alice");
        var bob = await ConsolePage.OpenAsync(chromium.Browser, server, "bob");
        var notifier = server.Services.GetRequiredService<IChatNotifier>();
        var posted = await notifier.PostAsync(new ConversationAddress(ChatPlatform.Console, "incident"), Card("AwaitingApproval"));
        await notifier.LinkAsync("workflow:wf-9", posted!);
        await alice.MessageWithAsync("rollback deployment/frontend: AwaitingApproval");
        await bob.MessageWithAsync("rollback deployment/frontend: AwaitingApproval");
        var card = alice.Page.Locator($"#messages > li[data-message-id='{posted!.MessageId}']");

        foreach (var state in new[] { "Approved", "Executing", "Succeeded" })
        {
            await notifier.UpdateAsync("workflow:wf-9", Card(state));
            await Assertions.Expect(card.Locator(".reply")).ToContainTextAsync($"rollback deployment/frontend: {state}");
        }

        await Assertions.Expect(alice.Messages).ToHaveCountAsync(1);
        await Assertions.Expect(card.Locator(".updated")).ToBeVisibleAsync();
        await Assertions.Expect(bob.Page.Locator("#messages > li[data-message-id]").Last.Locator(".reply")).ToContainTextAsync("Succeeded");
    }

    private static ChatMessage Card(string state) => new($"rollback deployment/frontend: {state}")
    {
        Header = "Rollback",
        Blocks = [new SectionBlock($"rollback deployment/frontend: {state}")],
    };
}
