using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsBot.Chat.Delivery;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Console;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Registers the console's exposure check (<see cref="ConsoleExposure"/>), the console's channel feed (<see cref="ConsoleFeed"/>, the console's <see cref="IChatChannel"/>)
    /// and the dashboard. The in-memory <see cref="IWorkflowStore"/> is added only when no store is registered yet:
    /// call this after the storage and workflow registrations.
    /// </summary>
    public static IServiceCollection AddOpsBotConsole(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOpsBotDelivery();
        services.TryAddSingleton(provider => new ConsoleFeed(provider.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatChannel, ConsoleChatChannel>());
        services.TryAddSingleton<IWorkflowStore, InMemoryWorkflowStore>();
        services.TryAddSingleton<ConsoleDashboard>();
        services.TryAddSingleton<DashboardIncidents>();
        // Opens the console API only once the addresses the server bound are checked (loopback, or a token).
        services.TryAddSingleton<ConsoleExposure>();
        services.AddHostedService(provider => provider.GetRequiredService<ConsoleExposure>());
        return services;
    }
}
