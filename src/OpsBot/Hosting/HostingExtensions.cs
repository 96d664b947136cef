using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OpsBot.Clusters;
using OpsBot.Console;
using OpsBot.Operations;
using OpsBot.Simulation;
using OpsBot.Storage;
using OpsBot.Telemetry;

namespace OpsBot.Hosting;

/// <summary>Wiring of the host itself: configuration, options, the cluster, operations.</summary>
public static class HostingExtensions
{
    /// <summary>Reads the one appsettings.json at the repository root (copied beside the binary) and listens on Console:Urls.</summary>
    public static WebApplicationBuilder AddOpsBotHost(this WebApplicationBuilder builder)
    {
        // Lowest precedence: environment variables (Slack__SigningSecret), the command line and test hosts override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        var urls = builder.Configuration[$"{ConsoleOptions.Section}:Urls"];
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.AddStartupRefusals();
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOpsBotTelemetryMeter();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IKubernetesCallObserver, KubernetesApiMetering>());
        return builder;
    }

    /// <summary>
    /// The clusters: the embedded simulator (registered as the cluster "simulator") unless kubeconfig contexts or in-cluster
    /// config are set. Each client is built by the provider when a command first needs it.
    /// </summary>
    public static IServiceCollection AddOpsBotCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<KubernetesClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessDetail, CacheReadinessDetail>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Authorization.ChannelOptions>, ChannelClusterValidator>());
        var kubernetes = configuration.GetSection(KubernetesOptions.Section).Get<KubernetesOptions>() ?? new KubernetesOptions();
        if (kubernetes.UsesSimulator)
        {
            services.TryAddSingleton<EmbeddedCluster>();
            services.AddHostedService(provider => provider.GetRequiredService<EmbeddedCluster>());
        }

        services.TryAddSingleton<IClusterProvider>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KubernetesOptions>>().Value;
            var clients = provider.GetRequiredService<KubernetesClientFactory>();
            IEnumerable<ClusterRegistration> clusters = options.UsesSimulator
                ? [provider.GetRequiredService<EmbeddedCluster>().Registration]
                : [.. options.ClusterNames.Select(name => new ClusterRegistration(name, () => clients.CreateConfigured(options, options.ContextOf(name))))];
            return new ClusterProvider(clusters, options.DefaultClusterName);
        });
        return services;
    }
}
