using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Rendering;
using OpsBot.Telemetry;

namespace OpsBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="SlackOptions"/> (section <c>Slack</c>) and, when any Slack credential is
    /// configured, registers the Slack adapter: the Web API client, the per-channel pacer, the reply delivery,
    /// <see cref="IChatChannel"/> for Slack, the in-memory <see cref="IClaimStore"/> (a persistent store
    /// may replace it), the HTTP request verifier (with a signing secret) and the Socket Mode connections
    /// (with an app token). With no Slack configuration it registers nothing else and Slack stays off.
    /// </summary>
    public static IServiceCollection AddOpsBotSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // The API client counts its calls and retries.
        services.AddOpsBotTelemetryMeter();
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        var slack = configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        if (!slack.IsConfigured)
        {
            return services;
        }

        services.AddLogging();
        services.AddOpsBotDelivery();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SlackApiClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<SlackBlockKitRenderer>();
        services.TryAddSingleton<IClaimStore, InMemoryClaimStore>();
        services.TryAddSingleton<SlackChannelPacer>();
        services.TryAddSingleton<SlackApiClient>();
        services.TryAddSingleton<SlackUserDirectory>();
        services.TryAddSingleton<SlackReplyDelivery>();
        services.TryAddSingleton<SlackInbound>();
        services.AddOpsBotUnansweredCommands();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterruptedCommandNotifier, SlackInterruptedCommandNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatChannel, SlackChatChannel>());
        if (slack.UsesHttp)
        {
            services.TryAddSingleton(provider => new SlackSignatureVerifier(
                provider.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret!,
                provider.GetRequiredService<TimeProvider>()));
        }

        if (slack.UsesSocketMode)
        {
            services.TryAddSingleton<SlackSocketModeService>();
            services.AddHostedService(provider => provider.GetRequiredService<SlackSocketModeService>());
        }

        return services;
    }
}
