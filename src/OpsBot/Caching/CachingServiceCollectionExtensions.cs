using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OpsBot.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The watch cache (<c>Kubernetes:Cache</c>, validated at start): <see cref="IClusterCaches"/>, the service that runs
    /// them (Hosting shows their state under <c>/readyz</c>'s details). Readers get it through the command context's
    /// <see cref="ClusterReads"/>; restart listeners register <see cref="IPodRestartListener"/>.
    /// </summary>
    public static IServiceCollection AddOpsBotClusterCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClusterCacheOptions>().Bind(configuration.GetSection(ClusterCacheOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterCacheOptions>, ClusterCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClusterCaches, ClusterCaches>();
        services.AddHostedService<ClusterCacheService>();
        return services;
    }
}
