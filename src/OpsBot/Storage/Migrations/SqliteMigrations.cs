namespace OpsBot.Storage.Migrations;

/// <summary>
/// The SQLite schema, one migration per change. Times are fixed-width UTC text (<c>…T…Z</c>, microseconds,
/// so text order is time order) with the writer's offset in minutes beside them. Never edit a released
/// migration: add the next number.
/// </summary>
public static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "workflows", """
            CREATE TABLE workflows (
                id TEXT NOT NULL PRIMARY KEY,
                kind TEXT NOT NULL,
                state TEXT NOT NULL,
                version INTEGER NOT NULL,
                cluster TEXT NOT NULL,
                namespace TEXT NOT NULL,
                target TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_offset INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                updated_offset INTEGER NOT NULL,
                expires_at TEXT NULL,
                expires_offset INTEGER NULL,
                data TEXT NOT NULL
            );
            CREATE INDEX workflows_created ON workflows (created_at DESC, id);
            CREATE INDEX workflows_state ON workflows (state, created_at DESC);
            CREATE INDEX workflows_expires ON workflows (expires_at) WHERE expires_at IS NOT NULL;
            """),
        new(2, "audit entries", """
            CREATE TABLE audit_entries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                occurred_at TEXT NOT NULL,
                occurred_offset INTEGER NOT NULL,
                platform TEXT NOT NULL,
                user_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                command_text TEXT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT NULL,
                correlation_id TEXT NOT NULL,
                subject TEXT NULL
            );
            CREATE INDEX audit_entries_occurred ON audit_entries (occurred_at DESC, id DESC);
            CREATE INDEX audit_entries_user ON audit_entries (user_id, occurred_at DESC);
            CREATE INDEX audit_entries_subject ON audit_entries (subject, occurred_at DESC) WHERE subject IS NOT NULL;
            """),
        new(3, "message links", """
            CREATE TABLE message_links (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                subject TEXT NOT NULL,
                platform TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                thread_id TEXT NOT NULL DEFAULT '',
                UNIQUE (subject, platform, channel_id, message_id, thread_id)
            );
            """),
        new(4, "claims", """
            CREATE TABLE claims (
                claim_key TEXT NOT NULL PRIMARY KEY,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX claims_expires ON claims (expires_at);
            """),
        new(5, "conversation references", """
            CREATE TABLE conversation_references (
                reference_key TEXT NOT NULL PRIMARY KEY,
                reference_json TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_offset INTEGER NOT NULL
            );
            """),
        new(6, "incidents", """
            CREATE TABLE incidents (
                id TEXT NOT NULL PRIMARY KEY,
                year INTEGER NOT NULL,
                number INTEGER NOT NULL,
                title TEXT NOT NULL,
                severity TEXT NOT NULL,
                state TEXT NOT NULL,
                version INTEGER NOT NULL,
                cluster TEXT NULL,
                namespace TEXT NOT NULL,
                commander TEXT NOT NULL,
                declared_at TEXT NOT NULL,
                declared_offset INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                updated_offset INTEGER NOT NULL,
                ended_at TEXT NULL,
                ended_offset INTEGER NULL,
                next_reminder_at TEXT NULL,
                next_reminder_offset INTEGER NULL,
                channel_keys TEXT NOT NULL,
                data TEXT NOT NULL,
                UNIQUE (year, number)
            );
            CREATE INDEX incidents_declared ON incidents (declared_at DESC, year DESC, number DESC);
            CREATE INDEX incidents_state ON incidents (state, declared_at DESC);
            CREATE INDEX incidents_reminder ON incidents (next_reminder_at) WHERE next_reminder_at IS NOT NULL;
            CREATE TABLE incident_channels (
                channel_key TEXT NOT NULL,
                incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                PRIMARY KEY (channel_key, incident_id)
            );
            CREATE TABLE incident_counters (
                year INTEGER NOT NULL PRIMARY KEY,
                last_number INTEGER NOT NULL
            );
            """),
        new(7, "checks: last runs, alert states, mutes", """
            CREATE TABLE check_runs (
                check_name TEXT NOT NULL PRIMARY KEY,
                started_at TEXT NOT NULL,
                started_offset INTEGER NOT NULL,
                finished_at TEXT NOT NULL,
                finished_offset INTEGER NOT NULL,
                run_trigger TEXT NOT NULL,
                outcome TEXT NOT NULL,
                summary TEXT NOT NULL,
                posted INTEGER NOT NULL,
                muted INTEGER NOT NULL
            );
            CREATE TABLE check_alerts (
                check_name TEXT NOT NULL,
                target TEXT NOT NULL,
                level TEXT NOT NULL,
                value_at TEXT,
                value_offset INTEGER,
                subject TEXT,
                muted INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                updated_offset INTEGER NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (check_name, target)
            );
            CREATE TABLE check_mutes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                check_name TEXT NOT NULL,
                target TEXT NOT NULL,
                until_at TEXT NOT NULL,
                until_offset INTEGER NOT NULL,
                reason TEXT NOT NULL,
                muted_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_offset INTEGER NOT NULL
            );
            CREATE INDEX check_mutes_until ON check_mutes (until_at);
            """),
        new(8, "unanswered commands", """
            CREATE TABLE unanswered_commands (
                id TEXT NOT NULL PRIMARY KEY,
                platform TEXT NOT NULL,
                owner TEXT NOT NULL,
                user_id TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                command_text TEXT NOT NULL,
                reply_to TEXT NOT NULL,
                received_at TEXT NOT NULL,
                received_offset INTEGER NOT NULL
            );
            CREATE INDEX unanswered_commands_received ON unanswered_commands (received_at);
            """),
        new(9, "checks: restart samples (restart-trend's time series), digest subscriptions", """
            CREATE TABLE restart_samples (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                cluster TEXT NOT NULL,
                sampled_at TEXT NOT NULL,
                sampled_offset INTEGER NOT NULL,
                namespace TEXT NOT NULL,
                workload_kind TEXT NOT NULL,
                workload_name TEXT NOT NULL,
                pod TEXT NOT NULL,
                container TEXT NOT NULL,
                restart_count INTEGER NOT NULL,
                last_reason TEXT,
                waiting_reason TEXT
            );
            CREATE INDEX restart_samples_cluster_time ON restart_samples (cluster, sampled_at);
            CREATE TABLE digest_subscriptions (
                channel_key TEXT NOT NULL PRIMARY KEY,
                platform TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                subscribed_by TEXT NOT NULL,
                subscribed_at TEXT NOT NULL,
                subscribed_offset INTEGER NOT NULL
            );
            """),
    ];
}
