using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Testing;
using OpsBot.Tests.Console;
using OpsBot.Scheduling;

namespace OpsBot.Tests.Jobs;

/// <summary>The real host's Hangfire on its embedded SQLite storage (jobs.db beside opsbot.db).</summary>
public sealed class SqliteJobsHostTests
{
    [Fact]
    public async Task ScheduledJob_OnSqlite_RunsForItsOccurrence_AndTheScheduleSurvivesARestart()
    {
        using var data = new TempDirectory();
        var job = new RecordingJob("test:every-second");
        await using (var host = new OpsBotHost(
            services => services.AddSingleton<IScheduledJob>(job),
            ("Storage:DataDirectory", data.Path), ("Jobs:Enabled", "true"), ("Jobs:PollingInterval", "00:00:01")))
        {
            host.CreateClient();
            var run = await Eventually.ValueAsync(() => Task.FromResult(job.Runs.FirstOrDefault()), first => first is not null, "the job ran", TimeSpan.FromSeconds(60));
            Assert.NotNull(run!.ScheduledAt);
            Assert.NotNull(run.JobId);
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "jobs.db")), "Hangfire's SQLite file sits beside opsbot.db");

        // A restart with no job of that name registered: the schedule and its last execution are still in the storage.
        await using var restarted = new OpsBotHost(("Storage:DataDirectory", data.Path));
        restarted.CreateClient();
        using var connection = restarted.Services.GetRequiredService<JobStorage>().GetConnection();
        var kept = Assert.Single(connection.GetRecurringJobs(), recurring => recurring.Id == "test:every-second");
        Assert.Equal("* * * * * *", kept.Cron);
        Assert.NotNull(kept.LastExecution);
    }

    [Fact]
    public async Task ScheduledJobs_OneStillRunning_DoesNotHoldUpAnother()
    {
        // Each job has its own lock (never two runs of one job at once): a long cert-expiry run must not hold up the
        // minute's delivery sweep. With one lock for every job the quick job never ran while the slow one held it.
        using var data = new TempDirectory();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new RecordingJob("test:slow", record: (_, cancellationToken) => release.Task.WaitAsync(cancellationToken));
        var quick = new RecordingJob("test:quick");
        await using var host = new OpsBotHost(
            services => services.AddSingleton<IScheduledJob>(slow).AddSingleton<IScheduledJob>(quick),
            ("Storage:DataDirectory", data.Path), ("Jobs:Enabled", "true"), ("Jobs:PollingInterval", "00:00:01"), ("Jobs:WorkerCount", "4"));
        host.CreateClient();
        await Eventually.ValueAsync(() => Task.FromResult(slow.Runs.Count), count => count > 0, "the slow job started", TimeSpan.FromSeconds(60));
        var quickRunsWhileSlowHeld = quick.Runs.Count;

        await Eventually.ValueAsync(() => Task.FromResult(quick.Runs.Count), count => count > quickRunsWhileSlowHeld, "the quick job ran while the slow one was still running", TimeSpan.FromSeconds(60));
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
    }

    [Fact]
    public async Task Start_WithAnOutOfRangeWorkerCount_RefusesNamingTheKey()
    {
        await using var host = new OpsBotHost(("Jobs:WorkerCount", "0"));

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("Jobs:WorkerCount must be between 1 and 32.", error.Message, StringComparison.Ordinal);
    }
}
