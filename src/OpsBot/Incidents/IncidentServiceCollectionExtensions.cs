using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.ActionWorkflows;
using OpsBot.Chat;
using OpsBot.Commands;
using OpsBot.Scheduling;
using OpsBot.Storage.Sql;
using OpsBot.Workflows.Machines;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Incidents;

public static class IncidentServiceCollectionExtensions
{
    /// <summary>
    /// Registers incidents: the <c>Incidents</c> section (validated at start), the store (SQL when the state store is
    /// registered, else in memory), <see cref="IncidentService"/> with the host's <c>incident</c> permission, the
    /// <c>/incident …</c> commands and <c>incident.*</c> buttons, the timeline recorder around the chat pipeline (call after
    /// <c>AddOpsBotCommands</c> and before <c>AddOpsBotTelemetry</c>), the workflow observer, the cadence reminders (a delayed job per incident through
    /// <see cref="IDelayedJobScheduler"/>, registered by <c>AddOpsBotJobs</c>), the sweep that sends approved stakeholder
    /// updates left undelivered (at start and every minute, <see cref="IncidentDeliverySweep"/>) and the
    /// incident machine's graph for the dashboard.
    /// </summary>
    public static IServiceCollection AddOpsBotIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(IncidentOptions.SectionName);
        services.AddOptions<IncidentOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IncidentOptions>, IncidentOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIncidentStore>(provider => provider.GetService<StoreDatabase>() is { } database ? new SqlIncidentStore(database) : new InMemoryIncidentStore());
        services.TryAddSingleton<IIncidentPermissionChecker, IncidentPermissionChecker>();
        services.TryAddSingleton(provider => new IncidentService(
            provider.GetRequiredService<IIncidentStore>(),
            provider.GetRequiredService<IIncidentPermissionChecker>(),
            provider.GetRequiredService<IOptions<IncidentOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IncidentPeople>();
        services.TryAddSingleton<IncidentResponder>();
        services.TryAddSingleton<IncidentChannelOpener>();
        services.TryAddSingleton<IncidentPostmortemPublisher>();
        services.TryAddSingleton<IncidentCommands>();
        services.TryAddSingleton<IncidentReminderPlanner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDelayedJob, IncidentReminderJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IButtonHandler, IncidentButtons>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowObserver, IncidentWorkflowObserver>());
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(IncidentReminderResync)))
        {
            services.AddSingleton<IncidentReminderResync>();
            services.AddHostedService(provider => provider.GetRequiredService<IncidentReminderResync>());
            services.AddSingleton<IncidentDeliverySweep>();
            services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<IncidentDeliverySweep>());
            services.AddHostedService(provider => provider.GetRequiredService<IncidentDeliverySweep>());
            services.AddSingleton(new WorkflowGraph("Incident", IncidentMachine.Mermaid));
            for (var i = 0; i < IncidentCommandDefinitions.All.Count; i++)
            {
                var index = i;
                services.AddSingleton<ICommandHandler>(provider => IncidentCommandHandler.All(provider.GetRequiredService<IncidentCommands>()).ElementAt(index));
            }

            services.AddIncidentTimelineRecorder();
        }

        return services;
    }

    // Wraps the registered chat pipeline (as AddOpsBotTelemetry does), so what is run in an incident's channel reaches its timeline.
    private static void AddIncidentTimelineRecorder(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IChatPipeline))
            ?? throw new InvalidOperationException("Register the chat pipeline (AddOpsBotCommands) before AddOpsBotIncidents.");
        services.Remove(registered);
        services.AddSingleton<IChatPipeline>(provider => new IncidentTimelineRecorder(
            (IChatPipeline)(registered.ImplementationFactory?.Invoke(provider) ?? registered.ImplementationInstance ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            provider.GetRequiredService<IncidentCommands>(),
            provider.GetRequiredService<IncidentResponder>(),
            provider.GetRequiredService<IncidentPeople>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<IncidentTimelineRecorder>>()));
    }
}
