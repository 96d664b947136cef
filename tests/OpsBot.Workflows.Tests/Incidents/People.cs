using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>
/// The people of the incident tests: alice (SRE, declares and commands), bob and carol (SREs), dave (SRE in "shop"
/// only), vic (a viewer without the incident permission). The clock starts at 2026-11-22 03:00 UTC.
/// </summary>
internal static class People
{
    public static readonly Actor Alice = new("slack", "U0ALICE", "C0ALERTS") { Name = "alice" };
    public static readonly Actor Bob = new("slack", "U0BOB", "C0INC") { Name = "bob" };
    public static readonly Actor Carol = new("console", "carol", "inc-2026-0001") { Name = "carol" };
    public static readonly Actor Dave = new("slack", "U0DAVE", "C0INC") { Name = "dave" };
    public static readonly Actor Vic = new("slack", "U0VIC", "C0INC") { Name = "vic" };

    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    public static IncidentPermissions Permissions() => new IncidentPermissions()
        .Grant(Alice).Grant(Bob).Grant(Carol).Grant(Dave, "shop");

    public static ManualTimeProvider Clock() => new(Start);

    public static IncidentService Service(
        IIncidentStore? store = null, IncidentPermissions? permissions = null, IncidentOptions? options = null, TimeProvider? clock = null) =>
        new(store ?? new InMemoryIncidentStore(), permissions ?? Permissions(), options ?? new IncidentOptions(), clock ?? Clock());

    public static IncidentDeclaration Declaration(string severity = "sev1", string title = "Checkout returns 500s", Actor? by = null, Actor? commander = null, string? ns = "shop") => new()
    {
        Title = title,
        Severity = severity,
        DeclaredBy = by ?? Alice,
        DeclaredIn = "slack:C0ALERTS",
        Commander = commander,
        Namespace = ns,
    };

    /// <summary>Declares and returns the incident's id (fails the test when refused).</summary>
    public static async Task<string> DeclareAsync(this IncidentService service, string severity = "sev1", Actor? commander = null, string? ns = "shop")
    {
        var outcome = await service.DeclareAsync(Declaration(severity, commander: commander, ns: ns));
        Assert.Equal(IncidentOutcomeStatus.Changed, outcome.Status);
        return outcome.Incident!.Id.ToString();
    }

    /// <summary>A fresh incident in <paramref name="state"/> (not stored), as the machine tests need it.</summary>
    public static Incident InState(IncidentState state, IncidentSeverity severity = IncidentSeverity.Sev2) => new()
    {
        Id = new IncidentId(2026, 1),
        Title = "Checkout returns 500s",
        Severity = severity,
        State = state,
        Namespace = "shop",
        DeclaredBy = Alice,
        DeclaredIn = "slack:C0ALERTS",
        Commander = Alice,
        DeclaredAt = Start,
        UpdatedAt = Start,
    };
}
