using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.Actions;
using OpsBot.Chat;
using OpsBot.Commands;
using OpsBot.Storage;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Machines;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

public static class ActionWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the action workflows: the <c>Approvals</c> policy (validated at start), a command per
    /// registered <see cref="IClusterAction"/> (register actions before this, or with <see cref="AddClusterAction{TAction}"/>),
    /// the <c>workflow.*</c> buttons, <c>/audit</c> and <c>/workflow show|list|reject</c>, the background
    /// runner, recovery at start and the expiry sweeper. <see cref="InMemoryWorkflowStore"/> is the store
    /// unless one is registered before. Everything with <c>TryAdd*</c>.
    /// </summary>
    public static IServiceCollection AddOpsBotActionWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApprovalOptions>()
            .Bind(configuration.GetSection(ApprovalOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowStore, InMemoryWorkflowStore>();
        services.TryAddSingleton<IPermissionChecker, CommandPermissionChecker>();
        services.TryAddSingleton(provider => new ApprovalPolicy(provider.GetRequiredService<IOptions<ApprovalOptions>>().Value));
        services.TryAddSingleton(provider => new ActionWorkflowStore(
            provider.GetRequiredService<IWorkflowStore>(), provider.GetRequiredService<IPermissionChecker>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ActionCatalog>();
        services.TryAddSingleton<WorkflowQueue>();
        services.TryAddSingleton<IWorkflowCommitAudit, WorkflowTransitionAudit>();
        services.TryAddSingleton<WorkflowCards>();
        services.TryAddSingleton<ActionWorkflowService>();
        services.TryAddSingleton<IWorkflowRunnerSteps>(provider => provider.GetRequiredService<ActionWorkflowService>());
        services.TryAddSingleton<WorkflowRunner>();
        services.TryAddSingleton<WorkflowExpirySweeper>();
        services.AddSingleton(new WorkflowGraph("Action workflow", ActionWorkflowMachine.Mermaid));
        services.TryAddSingleton<WorkflowRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkflowRecovery>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkflowRunner>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkflowExpirySweeper>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IButtonHandler, WorkflowButtons>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, AuditCommandHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, WorkflowShowHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, WorkflowListHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, WorkflowRejectHandler>());
        return services.AddActionCommandHandlers();
    }

    /// <summary>Registers a cluster action and its command (with <c>--break-glass</c>), whether before or after <see cref="AddOpsBotActionWorkflows"/>.</summary>
    public static IServiceCollection AddClusterAction<TAction>(this IServiceCollection services)
        where TAction : class, IClusterAction
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IClusterAction, TAction>());
        return services.AddActionCommandHandlers();
    }

    /// <summary>Registers an action instance and its command.</summary>
    public static IServiceCollection AddClusterAction(this IServiceCollection services, IClusterAction action)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(action);
        return services.AddActionCommandHandlers();
    }

    /// <summary>
    /// Gives every <see cref="IClusterAction"/> registered so far its <see cref="ActionCommandHandler"/> (once):
    /// commands are services, so each action needs its own registration, made where the action is registered.
    /// </summary>
    public static IServiceCollection AddActionCommandHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(ActionHandlerRegistrations))?.ImplementationInstance as ActionHandlerRegistrations;
        if (registrations is null)
        {
            registrations = new ActionHandlerRegistrations();
            services.AddSingleton(registrations);
        }

        var actions = services.Count(descriptor => descriptor.ServiceType == typeof(IClusterAction));
        for (var index = registrations.Count; index < actions; index++)
        {
            var position = index;
            services.AddSingleton<ICommandHandler>(provider => new ActionCommandHandler(
                provider.GetServices<IClusterAction>().ElementAt(position), provider.GetRequiredService<ActionWorkflowService>()));
        }

        registrations.Count = actions;
        return services;
    }
}
