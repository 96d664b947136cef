using OpsBot.Testing.Incidents;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>The store contract on the in-memory reference (one store: every "replica" shares it).</summary>
public sealed class InMemoryIncidentStoreTests : IncidentStoreContract
{
    private readonly InMemoryIncidentStore _store = new();

    protected override Task<IIncidentStore> OpenStoreAsync() => Task.FromResult<IIncidentStore>(_store);
}
