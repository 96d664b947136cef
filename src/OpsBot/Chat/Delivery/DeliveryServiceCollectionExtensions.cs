using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OpsBot.Chat.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChatNotifier"/>, the in-memory <see cref="IMessageLinkStore"/> (a persistent
    /// store replaces it) and the one <see cref="AfterAckWork"/> every adapter shares (drained at shutdown).
    /// Platforms add their <see cref="IChatChannel"/> with <c>TryAddEnumerable</c>.
    /// </summary>
    public static IServiceCollection AddOpsBotDelivery(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<IMessageLinkStore, InMemoryMessageLinkStore>();
        services.TryAddSingleton<IChatNotifier, ChatNotifier>();
        services.TryAddSingleton<AfterAckWork>();
        // Once, however many adapters call this: one worker, stopped (drained) once.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AfterAckWork>(provider => provider.GetRequiredService<AfterAckWork>()));
        return services;
    }
}
