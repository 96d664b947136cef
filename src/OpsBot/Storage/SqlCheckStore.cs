using System.Data.Common;
using OpsBot.Checks;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="ICheckStore"/>: the last run per check (upsert), alert states written optimistically
/// (insert-if-absent, or update where the version still matches: one writer wins), and mutes.
/// </summary>
public sealed class SqlCheckStore(StoreDatabase database) : ICheckStore
{
    private const string AlertColumns = "check_name, target, level, value_at, value_offset, subject, muted, updated_at, updated_offset, version";

    private const string InsertAlert = $"""
        INSERT INTO check_alerts ({AlertColumns})
        VALUES (@check_name, @target, @level, @value_at, @value_offset, @subject, @muted, @updated_at, @updated_offset, 1)
        ON CONFLICT (check_name, target) DO NOTHING
        """;

    private static readonly string UpdateAlert = OptimisticUpdate.Sql(
        "check_alerts",
        "level = @level, value_at = @value_at, value_offset = @value_offset, subject = @subject, muted = @muted, updated_at = @updated_at, updated_offset = @updated_offset",
        "check_name = @check_name AND target = @target");

    private const string MuteColumns = "check_name, target, until_at, until_offset, reason, muted_by, created_at, created_offset";

    public async Task RecordRunAsync(CheckRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand("""
                INSERT INTO check_runs (check_name, started_at, started_offset, finished_at, finished_offset, run_trigger, outcome, summary, posted, muted)
                VALUES (@check_name, @started_at, @started_offset, @finished_at, @finished_offset, @run_trigger, @outcome, @summary, @posted, @muted)
                ON CONFLICT (check_name) DO UPDATE SET started_at = excluded.started_at, started_offset = excluded.started_offset,
                    finished_at = excluded.finished_at, finished_offset = excluded.finished_offset, run_trigger = excluded.run_trigger,
                    outcome = excluded.outcome, summary = excluded.summary, posted = excluded.posted, muted = excluded.muted
                """)
                .With("check_name", run.Check)
                .With("started_at", database.ToTimeValue(run.StartedAt))
                .With("started_offset", StoredTime.OffsetMinutes(run.StartedAt))
                .With("finished_at", database.ToTimeValue(run.FinishedAt))
                .With("finished_offset", StoredTime.OffsetMinutes(run.FinishedAt))
                .With("run_trigger", run.Trigger)
                .With("outcome", run.Outcome.ToString())
                .With("summary", run.Summary)
                .With("posted", run.Posted)
                .With("muted", run.Muted);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, CheckRunRecord>> LastRunsAsync(CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand(
                "SELECT check_name, started_at, started_offset, finished_at, finished_offset, run_trigger, outcome, summary, posted, muted FROM check_runs");
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var runs = new Dictionary<string, CheckRunRecord>(StringComparer.Ordinal);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var run = new CheckRunRecord(
                    reader.GetString(0), database.ReadTime(reader, 1, 2), database.ReadTime(reader, 3, 4), reader.GetString(5),
                    Enum.Parse<CheckOutcome>(reader.GetString(6)), reader.GetString(7), reader.GetInt32(8), reader.GetInt32(9));
                runs[run.Check] = run;
            }

            return runs;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CheckAlertState?> GetAlertAsync(string check, string target, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"SELECT {AlertColumns} FROM check_alerts WHERE check_name = @check_name AND target = @target")
                .With("check_name", check)
                .With("target", target);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            if (!await reader.ReadAsync(token).ConfigureAwait(false))
            {
                return null;
            }

            return ReadAlert(reader);
        }, cancellationToken).ConfigureAwait(false);
    }

    private CheckAlertState ReadAlert(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.IsDBNull(3) ? null : database.ReadTime(reader, 3, 4),
        reader.GetNullableString(5), reader.GetInt32(6) != 0, database.ReadTime(reader, 7, 8), reader.GetInt64(9));

    public async Task<IReadOnlyList<CheckAlertState>> AlertsAsync(string check, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"SELECT {AlertColumns} FROM check_alerts WHERE check_name = @check_name ORDER BY target")
                .With("check_name", check);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var states = new List<CheckAlertState>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                states.Add(ReadAlert(reader));
            }

            return states;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryWriteAlertAsync(CheckAlertState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (expectedVersion != 0)
        {
            return await database.TryUpdateAsync(UpdateAlert, command => BindAlert(command, state), expectedVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // The first state: written only if no other writer's is there yet.
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = BindAlert(connection.CreateCommand(InsertAlert), state);
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    private DbCommand BindAlert(DbCommand command, CheckAlertState state) => command
        .With("check_name", state.Check)
        .With("target", state.Target)
        .With("level", state.Level)
        .With("value_at", state.Value is { } value ? database.ToTimeValue(value) : null)
        .With("value_offset", state.Value is { } at ? StoredTime.OffsetMinutes(at) : null)
        .With("subject", state.Subject)
        .With("muted", state.Muted ? 1 : 0)
        .With("updated_at", database.ToTimeValue(state.UpdatedAt))
        .With("updated_offset", StoredTime.OffsetMinutes(state.UpdatedAt));

    public async Task AddMuteAsync(CheckMute mute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mute);
        await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"""
                INSERT INTO check_mutes ({MuteColumns})
                VALUES (@check_name, @target, @until_at, @until_offset, @reason, @muted_by, @created_at, @created_offset)
                """)
                .With("check_name", mute.Check)
                .With("target", mute.Target ?? string.Empty)
                .With("until_at", database.ToTimeValue(mute.Until))
                .With("until_offset", StoredTime.OffsetMinutes(mute.Until))
                .With("reason", mute.Reason)
                .With("muted_by", mute.By)
                .With("created_at", database.ToTimeValue(mute.At))
                .With("created_offset", StoredTime.OffsetMinutes(mute.At));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RemoveMutesAsync(string check, string? target, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand("DELETE FROM check_mutes WHERE check_name = @check_name AND target = @target")
                .With("check_name", check)
                .With("target", target ?? string.Empty);
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CheckMute>> ActiveMutesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"SELECT {MuteColumns} FROM check_mutes WHERE until_at > @now ORDER BY until_at, id")
                .With("now", database.ToTimeValue(now));
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var mutes = new List<CheckMute>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var target = reader.GetString(1);
                mutes.Add(new CheckMute(reader.GetString(0), target.Length == 0 ? null : target, database.ReadTime(reader, 2, 3), reader.GetString(4), reader.GetString(5), database.ReadTime(reader, 6, 7)));
            }

            return mutes;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddRestartSamplesAsync(RestartSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            foreach (var sample in snapshot.Containers)
            {
                await using var command = connection.CreateCommand("""
                    INSERT INTO restart_samples (cluster, sampled_at, sampled_offset, namespace, workload_kind, workload_name, pod, container, restart_count, last_reason, waiting_reason)
                    VALUES (@cluster, @sampled_at, @sampled_offset, @namespace, @workload_kind, @workload_name, @pod, @container, @restart_count, @last_reason, @waiting_reason)
                    """, transaction)
                    .With("cluster", snapshot.Cluster)
                    .With("sampled_at", database.ToTimeValue(snapshot.At))
                    .With("sampled_offset", StoredTime.OffsetMinutes(snapshot.At))
                    .With("namespace", sample.Namespace)
                    .With("workload_kind", sample.WorkloadKind)
                    .With("workload_name", sample.WorkloadName)
                    .With("pod", sample.Pod)
                    .With("container", sample.Container)
                    .With("restart_count", sample.RestartCount)
                    .With("last_reason", sample.LastReason)
                    .With("waiting_reason", sample.WaitingReason);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RestartSnapshot>> RestartSamplesAsync(string? cluster, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync<IReadOnlyList<RestartSnapshot>>(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"""
                SELECT cluster, sampled_at, sampled_offset, namespace, workload_kind, workload_name, pod, container, restart_count, last_reason, waiting_reason
                FROM restart_samples WHERE sampled_at > @since{(cluster is null ? string.Empty : " AND cluster = @cluster")}
                ORDER BY cluster, sampled_at, id
                """)
                .With("since", database.ToTimeValue(since));
            if (cluster is not null)
            {
                command.With("cluster", cluster);
            }

            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var snapshots = new List<RestartSnapshot>();
            List<ContainerRestartSample>? containers = null;
            (string Cluster, DateTimeOffset At)? current = null;
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), database.ReadTime(reader, 1, 2));
                if (current != key)
                {
                    containers = [];
                    snapshots.Add(new RestartSnapshot(key.Item1, key.Item2, containers));
                    current = key;
                }

                containers!.Add(new ContainerRestartSample(
                    reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                    reader.GetInt32(8), reader.GetNullableString(9), reader.GetNullableString(10)));
            }

            return [.. snapshots.OrderBy(snapshot => snapshot.At)];
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PruneRestartSamplesAsync(string cluster, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand("DELETE FROM restart_samples WHERE cluster = @cluster AND sampled_at < @before")
                .With("cluster", cluster)
                .With("before", database.ToTimeValue(before));
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddDigestSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand("""
                INSERT INTO digest_subscriptions (channel_key, platform, channel_id, subscribed_by, subscribed_at, subscribed_offset)
                VALUES (@channel_key, @platform, @channel_id, @subscribed_by, @subscribed_at, @subscribed_offset)
                ON CONFLICT (channel_key) DO NOTHING
                """)
                .With("channel_key", subscription.Key)
                .With("platform", subscription.Platform.ToString())
                .With("channel_id", subscription.ChannelId)
                .With("subscribed_by", subscription.By)
                .With("subscribed_at", database.ToTimeValue(subscription.At))
                .With("subscribed_offset", StoredTime.OffsetMinutes(subscription.At));
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveDigestSubscriptionAsync(string key, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand("DELETE FROM digest_subscriptions WHERE channel_key = @channel_key")
                .With("channel_key", key);
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DigestSubscription>> DigestSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand(
                "SELECT platform, channel_id, subscribed_by, subscribed_at, subscribed_offset FROM digest_subscriptions ORDER BY channel_key");
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var subscriptions = new List<DigestSubscription>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                subscriptions.Add(new DigestSubscription(Enum.Parse<Chat.ChatPlatform>(reader.GetString(0)), reader.GetString(1), reader.GetString(2), database.ReadTime(reader, 3, 4)));
            }

            return subscriptions;
        }, cancellationToken).ConfigureAwait(false);
    }
}
