using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsBot.Commands;

namespace OpsBot.Triage;

public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>/triage</c>: its <see cref="ICommandHandler"/>, the <see cref="TriageService"/>, the
    /// <see cref="SnapshotCollector"/> and <see cref="TriageOptions"/> (section <c>Triage</c>, validated at start).
    /// </summary>
    public static IServiceCollection AddOpsBotTriage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton<SnapshotCollector>();
        services.TryAddSingleton<TriageService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, TriageHandler>());
        return services;
    }
}
