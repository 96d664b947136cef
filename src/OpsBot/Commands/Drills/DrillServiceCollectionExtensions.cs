using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsBot.Simulation;

namespace OpsBot.Commands.Drills;

public static class DrillServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>/drill</c> commands and the <see cref="DrillDirector"/>. They work when OpsBot runs on
    /// its embedded simulator and answer plainly, changing nothing, against a real cluster.
    /// </summary>
    public static IServiceCollection AddOpsBotDrills(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DrillDirector>();
        foreach (var handler in DrillHandlers.Types)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ICommandHandler), handler));
        }

        return services;
    }
}
