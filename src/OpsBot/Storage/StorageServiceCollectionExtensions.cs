using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBot.Audit;
using OpsBot.Chat.Delivery;
using OpsBot.Checks;
using OpsBot.Operations;
using OpsBot.Storage.Sql;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the configured store (<c>Storage:Provider</c>: SQLite under <c>Storage:DataDirectory</c>, or
    /// PostgreSQL at <c>Storage:ConnectionString</c>) behind <see cref="IWorkflowStore"/>, <see cref="IAuditLog"/>,
    /// <see cref="IMessageLinkStore"/>, <see cref="IClaimStore"/>, <see cref="IUnansweredCommandJournal"/> and <see cref="IConversationReferenceStore"/>;
    /// the schema migration at start; and the <c>store</c> readiness check. The SQL stores take precedence over the
    /// in-memory defaults whichever is registered first; anything else a host or test registered is kept.
    /// </summary>
    public static IServiceCollection AddOpsBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        // AddOpsBotHost validates the data annotations (provider name); binding again is harmless and lets a test host use this alone.
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => StorageProviders.Open(provider.GetRequiredService<IOptions<StorageOptions>>().Value));

        // A transition's audit entries go in its own commit when the audit log is this database's (not a test's or a host's own log).
        services.ReplaceInMemoryDefault<IWorkflowStore, InMemoryWorkflowStore>(provider => new SqlWorkflowStore(
            provider.GetRequiredService<StoreDatabase>(),
            provider.GetRequiredService<IAuditLog>() is SqlAuditLog ? provider.GetService<IWorkflowCommitAudit>() : null));
        services.ReplaceInMemoryDefault<IAuditLog, InMemoryAuditLog>(provider => new SqlAuditLog(provider.GetRequiredService<StoreDatabase>()));
        services.ReplaceInMemoryDefault<IMessageLinkStore, InMemoryMessageLinkStore>(provider => new SqlMessageLinkStore(provider.GetRequiredService<StoreDatabase>()));
        services.ReplaceInMemoryDefault<IClaimStore, InMemoryClaimStore>(provider => new SqlClaimStore(provider.GetRequiredService<StoreDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.ReplaceInMemoryDefault<IUnansweredCommandJournal, InMemoryUnansweredCommandJournal>(
            provider => new SqlUnansweredCommandJournal(provider.GetRequiredService<StoreDatabase>(), provider.GetRequiredService<IClaimStore>(), provider.GetRequiredService<TimeProvider>()));
        services.ReplaceInMemoryDefault<IConversationReferenceStore, InMemoryConversationReferenceStore>(
            provider => new SqlConversationReferenceStore(provider.GetRequiredService<StoreDatabase>(), provider.GetRequiredService<TimeProvider>()));

        services.ReplaceInMemoryDefault<ICheckStore, InMemoryCheckStore>(provider => new SqlCheckStore(provider.GetRequiredService<StoreDatabase>()));

        services.AddHostedService<StoreMigrationService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, StoreReadinessCheck>());
        return services;
    }

    // Features register in-memory defaults with TryAdd; whichever of AddOpsBotStorage and those runs first,
    // the SQL store must win (a merge that reorders Program.cs must not silently lose persistence).
    private static void ReplaceInMemoryDefault<TService, TInMemory>(this IServiceCollection services, Func<IServiceProvider, TService> sql)
        where TService : class
    {
        var inMemory = services.Where(descriptor => descriptor.ServiceType == typeof(TService) && descriptor.ImplementationType == typeof(TInMemory)).ToList();
        foreach (var descriptor in inMemory)
        {
            services.Remove(descriptor);
        }

        services.TryAddSingleton(sql);
    }
}
