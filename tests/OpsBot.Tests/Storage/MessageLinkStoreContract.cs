using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Tests.Storage;

/// <summary>What every <see cref="IMessageLinkStore"/> does, run against the in-memory default, SQLite and PostgreSQL.</summary>
public abstract class MessageLinkStoreContract : IAsyncLifetime
{
    protected abstract Task<IMessageLinkStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Add_ThenGet_ReturnsTheMessagesInTheOrderLinked()
    {
        var store = await OpenStoreAsync();
        PostedMessage[] messages =
        [
            new(ChatPlatform.Teams, "19:abc@thread.tacv2", "1700000000001"),
            new(ChatPlatform.Slack, "C42", "1700000000.000100", "1700000000.000001"),
            new(ChatPlatform.Console, "incident", "m-7"),
        ];
        foreach (var message in messages)
        {
            await store.AddAsync("workflow:wf-1", message);
        }

        Assert.Equal(messages, await store.GetAsync("workflow:wf-1"));
    }

    [Fact]
    public async Task Add_TheSameLinkTwice_KeepsOne()
    {
        var store = await OpenStoreAsync();
        var unthreaded = new PostedMessage(ChatPlatform.Slack, "C42", "1.1");
        var threaded = new PostedMessage(ChatPlatform.Slack, "C42", "1.1", "0.9");

        await store.AddAsync("workflow:wf-1", unthreaded);
        await store.AddAsync("workflow:wf-1", threaded);
        await store.AddAsync("workflow:wf-1", unthreaded);
        await store.AddAsync("workflow:wf-1", threaded);

        Assert.Equal([unthreaded, threaded], await store.GetAsync("workflow:wf-1"));
    }

    [Fact]
    public async Task Get_KeepsSubjectsApartAndAnswersEmptyForUnknown()
    {
        var store = await OpenStoreAsync();
        var message = new PostedMessage(ChatPlatform.Console, "incident", "m-1");
        await store.AddAsync("workflow:a", message);
        await store.AddAsync("workflow:b", message);

        Assert.Equal([message], await store.GetAsync("workflow:a"));
        Assert.Equal([message], await store.GetAsync("workflow:b"));
        Assert.Empty(await store.GetAsync("workflow:c"));
    }
}
