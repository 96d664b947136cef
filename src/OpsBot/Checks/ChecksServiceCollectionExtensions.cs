using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.Caching;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Scheduling;
using OpsBot.Telemetry;

namespace OpsBot.Checks;

public static class ChecksServiceCollectionExtensions
{
    /// <summary>
    /// The checks (docs/CHECKS.md): options (<c>Checks</c>, validated at start: cron, time zone, thresholds), the
    /// store (in memory unless <c>AddOpsBotStorage</c>), alert routing and publishing, each check as a scheduled job
    /// (<c>check:NAME</c>, when enabled) and the <c>/checks</c> commands.
    /// </summary>
    public static IServiceCollection AddOpsBotChecks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChecksOptions>().Bind(configuration.GetSection(ChecksOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChecksOptions>, ChecksOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddOpsBotTelemetryMeter();
        services.TryAddSingleton<ICheckStore, InMemoryCheckStore>();
        services.TryAddSingleton<AlertRouter>();
        services.TryAddSingleton<AlertPublisher>();
        services.TryAddSingleton<CheckRunner>();
        services.TryAddSingleton<CheckCatalog>();
        services.TryAddSingleton<PodRestartSampleSource>();
        services.TryAddSingleton<StreamedRestarts>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPodRestartListener, StreamedRestarts>(provider => provider.GetRequiredService<StreamedRestarts>()));
        services.TryAddSingleton<IRestartSampleSource>(provider => new StreamRestartSampleSource(
            provider.GetService<IClusterCaches>(),
            provider.GetRequiredService<StreamedRestarts>(),
            provider.GetRequiredService<PodRestartSampleSource>(),
            provider.GetRequiredService<IClusterProvider>(),
            provider.GetRequiredService<IClusterClock>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddCheck<CertExpiryCheck>();
        services.AddCheck<RestartTrendCheck>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ChecksListHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ChecksRunHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ChecksMuteHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ChecksUnmuteHandler>());

        services.TryAddSingleton<DigestCollector>();
        services.AddSingleton<IScheduledJob, DigestJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, DigestNowHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, DigestSubscribeHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, DigestUnsubscribeHandler>());
        return services;
    }

    /// <summary>A check, runnable by name and scheduled as the recurring job <c>check:NAME</c> (removed while switched off).</summary>
    public static IServiceCollection AddCheck<TCheck>(this IServiceCollection services)
        where TCheck : class, ICheck
    {
        services.TryAddSingleton<TCheck>();
        services.AddSingleton<ICheck>(provider => provider.GetRequiredService<TCheck>());
        services.AddSingleton<IScheduledJob>(provider => new CheckScheduledJob(provider.GetRequiredService<TCheck>(), provider.GetRequiredService<CheckRunner>()));
        return services;
    }
}
