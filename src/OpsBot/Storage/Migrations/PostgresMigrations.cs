namespace OpsBot.Storage.Migrations;

/// <summary>
/// The PostgreSQL schema, one migration per change, the same tables as <see cref="SqliteMigrations"/>.
/// Times are <c>timestamptz</c> with the writer's offset in minutes beside them; keys that the stores
/// order by use the "C" collation, so order is ordinal whatever the database's locale. Never edit a
/// released migration: add the next number.
/// </summary>
public static class PostgresMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "workflows", """
            CREATE TABLE workflows (
                id text COLLATE "C" NOT NULL PRIMARY KEY,
                kind text NOT NULL,
                state text NOT NULL,
                version bigint NOT NULL,
                cluster text NOT NULL,
                namespace text NOT NULL,
                target text NOT NULL,
                requested_by text NOT NULL,
                created_at timestamptz NOT NULL,
                created_offset integer NOT NULL,
                updated_at timestamptz NOT NULL,
                updated_offset integer NOT NULL,
                expires_at timestamptz NULL,
                expires_offset integer NULL,
                data text NOT NULL
            );
            CREATE INDEX workflows_created ON workflows (created_at DESC, id);
            CREATE INDEX workflows_state ON workflows (state, created_at DESC);
            CREATE INDEX workflows_expires ON workflows (expires_at) WHERE expires_at IS NOT NULL;
            """),
        new(2, "audit entries", """
            CREATE TABLE audit_entries (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                occurred_at timestamptz NOT NULL,
                occurred_offset integer NOT NULL,
                platform text NOT NULL,
                user_id text NOT NULL,
                channel text NOT NULL,
                command_text text NOT NULL,
                outcome text NOT NULL,
                detail text NULL,
                correlation_id text NOT NULL,
                subject text NULL
            );
            CREATE INDEX audit_entries_occurred ON audit_entries (occurred_at DESC, id DESC);
            CREATE INDEX audit_entries_user ON audit_entries (user_id, occurred_at DESC);
            CREATE INDEX audit_entries_subject ON audit_entries (subject, occurred_at DESC) WHERE subject IS NOT NULL;
            """),
        new(3, "message links", """
            CREATE TABLE message_links (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                subject text NOT NULL,
                platform text NOT NULL,
                channel_id text NOT NULL,
                message_id text NOT NULL,
                thread_id text NOT NULL DEFAULT '',
                UNIQUE (subject, platform, channel_id, message_id, thread_id)
            );
            """),
        new(4, "claims", """
            CREATE TABLE claims (
                claim_key text NOT NULL PRIMARY KEY,
                expires_at timestamptz NOT NULL
            );
            CREATE INDEX claims_expires ON claims (expires_at);
            """),
        new(5, "conversation references", """
            CREATE TABLE conversation_references (
                reference_key text COLLATE "C" NOT NULL PRIMARY KEY,
                reference_json text NOT NULL,
                updated_at timestamptz NOT NULL,
                updated_offset integer NOT NULL
            );
            """),
        new(6, "incidents", """
            CREATE TABLE incidents (
                id text COLLATE "C" NOT NULL PRIMARY KEY,
                year integer NOT NULL,
                number integer NOT NULL,
                title text NOT NULL,
                severity text NOT NULL,
                state text NOT NULL,
                version bigint NOT NULL,
                cluster text NULL,
                namespace text NOT NULL,
                commander text NOT NULL,
                declared_at timestamptz NOT NULL,
                declared_offset integer NOT NULL,
                updated_at timestamptz NOT NULL,
                updated_offset integer NOT NULL,
                ended_at timestamptz NULL,
                ended_offset integer NULL,
                next_reminder_at timestamptz NULL,
                next_reminder_offset integer NULL,
                channel_keys text NOT NULL,
                data text NOT NULL,
                UNIQUE (year, number)
            );
            CREATE INDEX incidents_declared ON incidents (declared_at DESC, year DESC, number DESC);
            CREATE INDEX incidents_state ON incidents (state, declared_at DESC);
            CREATE INDEX incidents_reminder ON incidents (next_reminder_at) WHERE next_reminder_at IS NOT NULL;
            CREATE TABLE incident_channels (
                channel_key text COLLATE "C" NOT NULL,
                incident_id text COLLATE "C" NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                PRIMARY KEY (channel_key, incident_id)
            );
            CREATE TABLE incident_counters (
                year integer NOT NULL PRIMARY KEY,
                last_number integer NOT NULL
            );
            """),
        new(7, "checks: last runs, alert states, mutes", """
            CREATE TABLE check_runs (
                check_name text COLLATE "C" NOT NULL PRIMARY KEY,
                started_at timestamptz NOT NULL,
                started_offset integer NOT NULL,
                finished_at timestamptz NOT NULL,
                finished_offset integer NOT NULL,
                run_trigger text NOT NULL,
                outcome text NOT NULL,
                summary text NOT NULL,
                posted integer NOT NULL,
                muted integer NOT NULL
            );
            CREATE TABLE check_alerts (
                check_name text COLLATE "C" NOT NULL,
                target text COLLATE "C" NOT NULL,
                level text NOT NULL,
                value_at timestamptz,
                value_offset integer,
                subject text,
                muted integer NOT NULL,
                updated_at timestamptz NOT NULL,
                updated_offset integer NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (check_name, target)
            );
            CREATE TABLE check_mutes (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                check_name text NOT NULL,
                target text NOT NULL,
                until_at timestamptz NOT NULL,
                until_offset integer NOT NULL,
                reason text NOT NULL,
                muted_by text NOT NULL,
                created_at timestamptz NOT NULL,
                created_offset integer NOT NULL
            );
            CREATE INDEX check_mutes_until ON check_mutes (until_at);
            """),
        new(8, "unanswered commands", """
            CREATE TABLE unanswered_commands (
                id text NOT NULL PRIMARY KEY,
                platform text NOT NULL,
                owner text NOT NULL,
                user_id text NOT NULL,
                channel_id text NOT NULL,
                command_text text NOT NULL,
                reply_to text NOT NULL,
                received_at timestamptz NOT NULL,
                received_offset integer NOT NULL
            );
            CREATE INDEX unanswered_commands_received ON unanswered_commands (received_at);
            """),
        new(9, "checks: restart samples (restart-trend's time series), digest subscriptions", """
            CREATE TABLE restart_samples (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                cluster text COLLATE "C" NOT NULL,
                sampled_at timestamptz NOT NULL,
                sampled_offset integer NOT NULL,
                namespace text COLLATE "C" NOT NULL,
                workload_kind text NOT NULL,
                workload_name text COLLATE "C" NOT NULL,
                pod text NOT NULL,
                container text NOT NULL,
                restart_count integer NOT NULL,
                last_reason text,
                waiting_reason text
            );
            CREATE INDEX restart_samples_cluster_time ON restart_samples (cluster, sampled_at);
            CREATE TABLE digest_subscriptions (
                channel_key text COLLATE "C" NOT NULL PRIMARY KEY,
                platform text NOT NULL,
                channel_id text NOT NULL,
                subscribed_by text NOT NULL,
                subscribed_at timestamptz NOT NULL,
                subscribed_offset integer NOT NULL
            );
            """),
    ];
}
