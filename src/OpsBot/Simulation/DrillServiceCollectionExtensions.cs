using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Simulation;

public static class DrillServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>/drill</c> commands, the <see cref="DrillDirector"/> and the simulator's <see cref="IClusterClock"/>
    /// (commands against the simulator read ages on its virtual clock). Drills work when OpsBot runs on its embedded
    /// simulator and answer plainly, changing nothing, against a real cluster.
    /// </summary>
    public static IServiceCollection AddOpsBotDrills(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        // The embedded cluster is registered only when OpsBot runs on it; against a real cluster drills have none.
        services.TryAddSingleton(provider => new DrillDirector(provider.GetService<EmbeddedCluster>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IClusterClock, SimulatorClusterClock>();
        services.TryAddSingleton<ReplayCatalog>();
        foreach (var handler in DrillHandlers.Types)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ICommandHandler), handler));
        }

        return services;
    }
}
