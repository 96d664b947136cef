using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Checks;
using OpsBot.Scheduling;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Testing;

namespace OpsBot.Tests.Checks;

/// <summary>
/// A scheduled check run that meets the database down before it wrote its state is run again soon by the job server
/// (Hangfire's retry of the same occurrence, 30 s first), not at the next occurrence (a year away here), and alerts once;
/// a retry that finds a later run already did the work does nothing.
/// </summary>
public sealed class CheckRetryTests
{
    private const string Job = "check:cert-expiry";

    [Fact]
    public async Task ScheduledCertExpiry_DatabaseDownDuringTheRun_IsRunAgainSoon_AndAlertsOnce()
    {
        OutageCheckStore? store = null;
        await using var host = CheckHost.Start(
            services =>
            {
                services.AddSingleton(provider => store = new OutageCheckStore(new SqlCheckStore(provider.GetRequiredService<StoreDatabase>())));
                services.AddSingleton<ICheckStore>(provider => provider.GetRequiredService<OutageCheckStore>());
            },
            ("Jobs:Enabled", "true"),
            ("Jobs:PollingInterval", "00:00:01"),
            ("Checks:CertExpiry:Cron", "0 0 1 1 *"));
        await host.PutTlsSecretAsync("ecommerce-production", "api-tls", host.ClusterNow.AddDays(20), "api.example.com");
        var services = host.Host.Services;
        var storage = services.GetRequiredService<JobStorage>();

        store!.Down = true;
        var jobId = ((IRecurringJobManagerV2)services.GetRequiredService<IRecurringJobManager>()).TriggerJob(Job);
        Assert.NotNull(jobId);

        // Failed with the database down: planned again (a retry of the same job), not failed for good.
        await Eventually.ValueAsync(() => Task.FromResult(StateOf(storage, jobId!)), state => state == ScheduledState.StateName, "the run is planned again", TimeSpan.FromSeconds(60));
        Assert.True(store.Failed > 0);
        Assert.Empty(host.Alerts());
        using (var connection = storage.GetConnection())
        {
            Assert.Equal("1", connection.GetJobParameter(jobId!, "RetryCount"));
        }

        // The database is back; the retry comes (now, rather than after its 30 s) and alerts once.
        store.Down = false;
        services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId!);
        await Eventually.ValueAsync(() => Task.FromResult(StateOf(storage, jobId!)), state => state == SucceededState.StateName, "the retry succeeded", TimeSpan.FromSeconds(60));
        var alert = Assert.Single(host.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
        Assert.Contains("WARNING: the certificate ecommerce-production/api-tls expires in", alert.Text, StringComparison.Ordinal);
        var run = (await services.GetRequiredService<ICheckStore>().LastRunsAsync())[CertExpiryCheck.CheckName];
        Assert.Equal(CheckOutcome.Alerted, run.Outcome);

        // The next occurrence says nothing new.
        var next = ((IRecurringJobManagerV2)services.GetRequiredService<IRecurringJobManager>()).TriggerJob(Job);
        await Eventually.ValueAsync(() => Task.FromResult(StateOf(storage, next!)), state => state == SucceededState.StateName, "the next run succeeded", TimeSpan.FromSeconds(60));
        Assert.Single(host.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunScheduledAsync_RetryAfterALaterRunDidTheWork_DoesNotRunAgain()
    {
        await using var host = CheckHost.Start();
        await host.PutTlsSecretAsync("ecommerce-production", "api-tls", host.ClusterNow.AddDays(20), "api.example.com");
        var runner = host.Host.Services.GetRequiredService<CheckRunner>();
        var time = host.Host.Services.GetRequiredService<TimeProvider>();
        var failedAt = time.GetUtcNow().AddMinutes(-1);
        await host.Console.RunAsync("/checks run cert-expiry");
        var runs = 0;

        var result = await runner.RunScheduledAsync(CertExpiryCheck.CheckName, new JobOccurrence("7", failedAt, Retry: 1), _ =>
        {
            runs++;
            return Task.FromResult(new CheckResult(CheckOutcome.Ok, "ran"));
        });

        Assert.Equal(0, runs);
        Assert.Contains("not run again", result.Summary, StringComparison.Ordinal);
        Assert.Single(host.Alerts(), alert => alert.Text.Contains("api-tls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunScheduledAsync_StoreDownDuringTheRun_ThrowsRunAgainSoon_AndAnotherFailureDoesNot()
    {
        OutageCheckStore? store = null;
        await using var host = CheckHost.Start(services =>
        {
            services.AddSingleton(provider => store = new OutageCheckStore(new SqlCheckStore(provider.GetRequiredService<StoreDatabase>())));
            services.AddSingleton<ICheckStore>(provider => provider.GetRequiredService<OutageCheckStore>());
        });
        var runner = host.Host.Services.GetRequiredService<CheckRunner>();
        store!.Down = true;

        var error = await Assert.ThrowsAsync<RunAgainSoonException>(() => runner.RunScheduledAsync("cert-expiry", new JobOccurrence("1", null), async token =>
        {
            var alerts = await store.AlertsAsync("cert-expiry", token);
            return new CheckResult(CheckOutcome.Ok, $"{alerts.Count} alerts");
        }));
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error.InnerException);

        store.Down = false;
        var failed = await runner.RunScheduledAsync("cert-expiry", new JobOccurrence("2", null), _ => throw new InvalidOperationException("a bug"));
        Assert.Equal(CheckOutcome.Failed, failed.Outcome);
    }

    private static string? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
