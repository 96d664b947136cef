using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsBot.Operations;
using OpsBot.Simulation;

namespace OpsBot.Hosting;

/// <summary>Wiring of the host itself: configuration, options, the cluster, operations.</summary>
public static class HostingExtensions
{
    /// <summary>Reads the one appsettings.json at the repository root (copied beside the binary) and listens on Console:Urls.</summary>
    public static WebApplicationBuilder AddOpsBotHost(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(Environment.GetCommandLineArgs().Skip(1).ToArray());
        var urls = builder.Configuration[$"{ConsoleOptions.Section}:Urls"];
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OpsBotMetrics>();
        return builder;
    }

    /// <summary>The cluster: the embedded simulator unless a kubeconfig context or in-cluster config is set.</summary>
    public static IServiceCollection AddOpsBotCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<KubernetesClientFactory>();
        services.TryAddSingleton<ClusterConnection>();
        var kubernetes = configuration.GetSection(KubernetesOptions.Section).Get<KubernetesOptions>() ?? new KubernetesOptions();
        if (kubernetes.UsesSimulator)
        {
            services.TryAddSingleton<EmbeddedCluster>();
            services.AddHostedService(provider => provider.GetRequiredService<EmbeddedCluster>());
        }

        return services;
    }
}
