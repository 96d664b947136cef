using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.Storage;
using OpsBot.Scheduling;

namespace OpsBot.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire, in one place: storage per <c>Storage:Provider</c> (SQLite file beside opsbot.db, or PostgreSQL in the
    /// <c>Jobs:PostgresSchema</c> schema installed once at start), the job server (<c>Jobs:Enabled</c>,
    /// <c>Jobs:WorkerCount</c>, <c>Jobs:PollingInterval</c>) every registered <see cref="IScheduledJob"/>'s schedule, and
    /// <see cref="IDelayedJobScheduler"/> for one-shot runs of <see cref="IDelayedJob"/>s.
    /// The storage and the job activator are this host's own services, not Hangfire's process-wide statics, so that
    /// several hosts in one process (tests) do not share them.
    /// </summary>
    public static IServiceCollection AddOpsBotJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.TryAddSingleton<HangfireLogAttachment>();
        services.TryAddSingleton(provider =>
        {
            // Hangfire's storages log from their constructors: this host's logging first.
            provider.GetRequiredService<HangfireLogAttachment>();
            return JobStorageFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetRequiredService<IOptions<JobsOptions>>().Value);
        });
        services.TryAddSingleton<JobsDashboardAccess>();
        services.TryAddSingleton<HangfireDelayedJobScheduler>();
        services.TryAddSingleton<IDelayedJobScheduler>(provider => provider.GetRequiredService<HangfireDelayedJobScheduler>());
        services.TryAddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .UseLogProvider(HangfireLogBridge.Instance)
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        // Before any StartAsync (so before the job server): the PostgreSQL schema, installed under a lock.
        services.AddHostedService<JobSchemaInstaller>();
        services.AddHostedService<RecurringJobRegistration>();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.Enabled)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.PollingInterval;
                server.ServerName = $"opsbot-{Environment.MachineName}-{Environment.ProcessId}";
            });
        }

        return services;
    }
}
