using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OpsBot.Authorization;

public static class AuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AuthorizationOptions"/> (<c>Authorization</c>) and <see cref="ChannelOptions"/>
    /// (<c>Channels</c>), validates them at start, and registers the <see cref="ICommandAuthorizer"/>.
    /// </summary>
    public static IServiceCollection AddOpsBotAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuthorizationOptions>()
            .Bind(configuration.GetSection(AuthorizationOptions.SectionName))
            .ValidateOnStart();
        services.AddOptions<ChannelOptions>()
            .Bind(configuration.GetSection(ChannelOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthorizationOptions>, AuthorizationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelOptions>, ChannelOptionsValidator>());
        services.TryAddSingleton<ICommandAuthorizer, CommandAuthorizer>();
        return services;
    }
}
