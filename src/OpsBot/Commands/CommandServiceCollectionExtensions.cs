using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.Audit;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Commands.K8s;

namespace OpsBot.Commands;

public static class CommandServiceCollectionExtensions
{
    /// <summary>
    /// Registers the command pipeline (<see cref="IChatPipeline"/>), the parser, every <c>/k8s</c>
    /// handler (<see cref="ICommandHandler"/>), authorization (<c>AddOpsBotAuthorization</c>),
    /// the in-memory <see cref="IAuditLog"/> and <see cref="TimeProvider.System"/>, all with <c>TryAdd*</c>
    /// so a host or test can replace any of them. The host registers the <see cref="Clusters.IClusterProvider"/>.
    /// </summary>
    public static IServiceCollection AddOpsBotCommands(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOpsBotAuthorization(configuration);
        services.AddOptions<CommandOptions>()
            .Bind(configuration.GetSection(CommandOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditLog, InMemoryAuditLog>();
        foreach (var handler in K8sHandlers.Types)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ICommandHandler), handler));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IButtonHandler, RunCommandButton>());
        services.AddOpsBotDelivery();
        services.TryAddSingleton(provider => new CommandCatalog(provider.GetServices<ICommandHandler>()));
        services.TryAddSingleton(provider => new CommandParser(
            provider.GetRequiredService<CommandCatalog>(),
            new CommandParserOptions { MaxLength = provider.GetRequiredService<IOptions<CommandOptions>>().Value.MaxInputLength }));
        services.TryAddSingleton<IChatPipeline, CommandPipeline>();
        return services;
    }
}
