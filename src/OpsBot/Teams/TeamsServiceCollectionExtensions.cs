using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Rendering;
using OpsBot.Telemetry;

namespace OpsBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> for metadata, tokens and the connector.</summary>
    public const string HttpClientName = "OpsBot.Teams";

    /// <summary>
    /// Binds and validates <see cref="TeamsOptions"/> (section <c>Teams</c>) at start. When
    /// <c>Teams:AppId</c> and <c>Teams:AppPassword</c> are set, registers the inbound token check,
    /// the activity handler, the Bot Connector client, the conversation references (in memory unless a
    /// persistent <see cref="IConversationReferenceStore"/> is registered) and the Teams
    /// <see cref="IChatChannel"/>; all with <c>TryAdd*</c>.
    /// </summary>
    public static IServiceCollection AddOpsBotTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // The API client counts its calls and retries.
        services.AddOpsBotTelemetryMeter();
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        var options = configuration.GetSection(TeamsOptions.Section).Get<TeamsOptions>() ?? new TeamsOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddLogging();
        services.AddOpsBotDelivery();
        services.AddHttpClient(HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TeamsEnabled>();
        services.TryAddSingleton<AdaptiveCardRenderer>();
        services.TryAddSingleton<TeamsCards>();
        services.TryAddSingleton<TeamsCardMemory>();
        services.TryAddSingleton<BotFrameworkSigningKeys>();
        services.TryAddSingleton<BotFrameworkTokenValidator>();
        services.TryAddSingleton<BotConnectorTokenProvider>();
        services.TryAddSingleton<BotConnectorClient>();
        services.TryAddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
        services.TryAddSingleton<ConversationReferences>();
        services.TryAddSingleton<TeamsActivityHandler>();
        services.AddOpsBotUnansweredCommands();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterruptedCommandNotifier, TeamsInterruptedCommandNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatChannel, TeamsChatChannel>());
        return services;
    }
}
