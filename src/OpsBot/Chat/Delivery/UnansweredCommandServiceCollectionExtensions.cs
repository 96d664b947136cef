using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OpsBot.Chat.Delivery;

public static class UnansweredCommandServiceCollectionExtensions
{
    /// <summary>
    /// Registers the in-memory <see cref="IUnansweredCommandJournal"/> (the state store replaces it) and the
    /// <see cref="InterruptedCommandRecovery"/> sweep, once however many adapters call this. An adapter adds its
    /// <see cref="IInterruptedCommandNotifier"/> with <c>TryAddEnumerable</c>.
    /// </summary>
    public static IServiceCollection AddOpsBotUnansweredCommands(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClaimStore, InMemoryClaimStore>();
        services.TryAddSingleton<IUnansweredCommandJournal, InMemoryUnansweredCommandJournal>();
        services.TryAddSingleton<InterruptedCommandRecovery>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InterruptedCommandRecovery>(provider => provider.GetRequiredService<InterruptedCommandRecovery>()));
        return services;
    }
}
