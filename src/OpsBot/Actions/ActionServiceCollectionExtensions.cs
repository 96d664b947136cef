using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpsBot.Actions;

public static class ActionServiceCollectionExtensions
{
    /// <summary>
    /// Registers every <see cref="IClusterAction"/> (rollback, scale-hpa, set-resources, restart, set-probe, set-image,
    /// cordon, drain, cert-renew) as singletons with <c>TryAddEnumerable</c>. They are not command handlers: the action workflow wraps
    /// each one as a command that asks for approval before it applies.
    /// </summary>
    public static IServiceCollection AddOpsBotActions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var action in ClusterActions.Types)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IClusterAction), action));
        }

        return services;
    }
}
