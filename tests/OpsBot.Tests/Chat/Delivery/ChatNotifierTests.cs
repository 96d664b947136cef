using Microsoft.Extensions.Logging.Abstractions;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Chat.Delivery;

public sealed class ChatNotifierTests
{
    private static readonly ChatMessage Card = new("workflow 42: approved");

    [Fact]
    public async Task Update_ReachesEveryLinkedCopy_OnEveryPlatform()
    {
        var slack = new RecordingChannel(ChatPlatform.Slack);
        var teams = new RecordingChannel(ChatPlatform.Teams);
        var notifier = new ChatNotifier([slack, teams], new InMemoryMessageLinkStore(), NullLogger<ChatNotifier>.Instance);
        var inSlack = new PostedMessage(ChatPlatform.Slack, "C1", "1700000000.000100");
        var inTeams = new PostedMessage(ChatPlatform.Teams, "19:abc", "activity-7");
        await notifier.LinkAsync("workflow:42", inSlack);
        await notifier.LinkAsync("workflow:42", inTeams);
        await notifier.LinkAsync("workflow:42", inSlack);

        await notifier.UpdateAsync("workflow:42", Card);

        Assert.Equal([(inSlack, Card)], slack.Updates);
        Assert.Equal([(inTeams, Card)], teams.Updates);
    }

    [Fact]
    public async Task FollowUp_GoesIntoTheThreadOfTheFirstMessage()
    {
        var slack = new RecordingChannel(ChatPlatform.Slack);
        var notifier = new ChatNotifier([slack], new InMemoryMessageLinkStore(), NullLogger<ChatNotifier>.Instance);
        await notifier.LinkAsync("workflow:42", new PostedMessage(ChatPlatform.Slack, "C1", "111.1"));
        await notifier.LinkAsync("workflow:42", new PostedMessage(ChatPlatform.Slack, "C2", "222.2", ThreadId: "200.0"));

        await notifier.FollowUpAsync("workflow:42", Card);

        Assert.Equal(
            [new ConversationAddress(ChatPlatform.Slack, "C1", "111.1"), new ConversationAddress(ChatPlatform.Slack, "C2", "200.0")],
            slack.Posts.Select(post => post.To));
    }

    [Fact]
    public async Task OneMessageLinkedWithTwoThreadIds_IsUpdatedAndFollowedUpOnce_InItsFirstThread()
    {
        var slack = new RecordingChannel(ChatPlatform.Slack);
        var notifier = new ChatNotifier([slack], new InMemoryMessageLinkStore(), NullLogger<ChatNotifier>.Instance);
        var posted = new PostedMessage(ChatPlatform.Slack, "C1", "111.1");
        await notifier.LinkAsync("workflow:42", posted);
        await notifier.LinkAsync("workflow:42", posted with { ThreadId = "111.1" }); // a press on it reports its ts as the thread

        await notifier.UpdateAsync("workflow:42", Card);
        await notifier.FollowUpAsync("workflow:42", Card);

        Assert.Equal([(posted, Card)], slack.Updates);
        Assert.Equal([new ConversationAddress(ChatPlatform.Slack, "C1", "111.1")], slack.Posts.Select(post => post.To));
    }

    [Fact]
    public async Task Delivery_ToAnUnconfiguredOrFailingPlatform_DoesNotThrow()
    {
        var failing = new RecordingChannel(ChatPlatform.Slack) { Fail = true };
        var notifier = new ChatNotifier([failing], new InMemoryMessageLinkStore(), NullLogger<ChatNotifier>.Instance);
        await notifier.LinkAsync("workflow:42", new PostedMessage(ChatPlatform.Slack, "C1", "111.1"));
        await notifier.LinkAsync("workflow:42", new PostedMessage(ChatPlatform.Teams, "19:abc", "a-1"));

        await notifier.UpdateAsync("workflow:42", Card);
        var posted = await notifier.PostAsync(new ConversationAddress(ChatPlatform.Teams, "19:abc"), Card);
        var failed = await notifier.PostAsync(new ConversationAddress(ChatPlatform.Slack, "C1"), Card);

        Assert.Null(posted);
        Assert.Null(failed);
        Assert.Single(failing.Updates);
    }

    [Fact]
    public async Task Subject_WithoutLinks_SendsNothing()
    {
        var slack = new RecordingChannel(ChatPlatform.Slack);
        var notifier = new ChatNotifier([slack], new InMemoryMessageLinkStore(), NullLogger<ChatNotifier>.Instance);

        await notifier.UpdateAsync("workflow:unknown", Card);
        await notifier.FollowUpAsync("workflow:unknown", Card);

        Assert.Empty(slack.Updates);
        Assert.Empty(slack.Posts);
    }

    private sealed class RecordingChannel(ChatPlatform platform) : IChatChannel
    {
        public ChatPlatform Platform { get; } = platform;

        public bool Fail { get; init; }

        public List<(ConversationAddress To, ChatMessage Message)> Posts { get; } = [];

        public List<(PostedMessage Posted, ChatMessage Message)> Updates { get; } = [];

        public Task<PostedMessage> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
        {
            Posts.Add((to, message));
            return Fail
                ? throw new HttpRequestException("channel_not_found")
                : Task.FromResult(new PostedMessage(Platform, to.ChannelId, "m" + Posts.Count, to.ThreadId));
        }

        public Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken = default)
        {
            Updates.Add((posted, message));
            return Fail ? throw new HttpRequestException("message_not_found") : Task.CompletedTask;
        }
    }
}
