using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpsBot.Chat.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChatNotifier"/> and the in-memory <see cref="IMessageLinkStore"/> (a persistent
    /// store replaces it). Platforms add their <see cref="IChatChannel"/> with <c>TryAddEnumerable</c>.
    /// </summary>
    public static IServiceCollection AddOpsBotDelivery(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<IMessageLinkStore, InMemoryMessageLinkStore>();
        services.TryAddSingleton<IChatNotifier, ChatNotifier>();
        return services;
    }
}
