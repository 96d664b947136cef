using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="IMessageLinkStore"/>: a workflow card posted in Slack and in Teams can still be
/// updated after a restart, by any replica. A message without a thread is stored with an empty thread id,
/// which keeps the uniqueness key free of NULLs (NULLs never collide in a UNIQUE constraint).
/// </summary>
public sealed class SqlMessageLinkStore(StoreDatabase database) : IMessageLinkStore
{
    public Task AddAsync(string subject, PostedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(message);
        // Written after every post of a notice: in the group commit, with whatever else the moment writes.
        return database.GroupCommit.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand("""
                INSERT INTO message_links (subject, platform, channel_id, message_id, thread_id)
                VALUES (@subject, @platform, @channel_id, @message_id, @thread_id)
                ON CONFLICT (subject, platform, channel_id, message_id, thread_id) DO NOTHING
                """, transaction)
                .With("subject", subject)
                .With("platform", message.Platform.ToString())
                .With("channel_id", message.ChannelId)
                .With("message_id", message.MessageId)
                .With("thread_id", message.ThreadId ?? string.Empty);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PostedMessage>> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "SELECT platform, channel_id, message_id, thread_id FROM message_links WHERE subject = @subject ORDER BY id")
            .With("subject", subject);
        var messages = new List<PostedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var thread = reader.GetString(3);
            messages.Add(new PostedMessage(Enum.Parse<ChatPlatform>(reader.GetString(0)), reader.GetString(1), reader.GetString(2), thread.Length == 0 ? null : thread));
        }

        return messages;
    }
}
