using OpsBot.Authorization;
using OpsBot.Commands;

namespace OpsBot.Incidents;

/// <summary>
/// The <c>/incident …</c> commands as the parser and help know them. They run with the <c>read</c> permission; each
/// step then checks the <c>incident</c> permission on the incident's namespace itself (and the approval rules), as
/// <c>/workflow reject</c> leaves approving to the workflow.
/// </summary>
public static class IncidentCommandDefinitions
{
    public const string IncidentFlag = "incident";

    /// <summary>Notes and stakeholder updates: up to 3,000 characters (reasons and titles: the parser's 200… and the core's rules).</summary>
    public const int MaxLongText = 3_000;

    private static readonly FlagDefinition Incident = new(IncidentFlag, ValueKind.Text, "The incident, when not typed in its channel.") { ValueName = "INC-2026-0042" };

    public static CommandDefinition Declare { get; } = new(["incident", "declare"], "Declare an incident: its own channel, card, roles and timeline.", Permission.Read)
    {
        Arguments =
        [
            new("SEVERITY", ValueKind.Text, "sev1, sev2, sev3 or sev4 (sev1 is the most severe).") { Required = true },
            new("TITLE", ValueKind.Text, "What is wrong, as stakeholders should read it (1–200 characters; quote it).") { Required = true, TakesRest = true },
        ],
        Flags = [new("commander", ValueKind.Text, "Who commands (default: you).") { ValueName = "@USER" }],
        Examples = ["/incident declare sev1 \"Checkout returns 500s\" -n ecommerce-production", "/incident declare sev2 \"Slow search\" --commander @bob"],
    };

    public static CommandDefinition Status { get; } = new(["incident", "status"], "Move the incident: investigating, identified, mitigating, monitoring, resolved, reopen, closed, cancelled.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments =
        [
            new("STATE", ValueKind.Text, "investigating, identified, mitigating, monitoring, resolved, reopen, closed or cancelled (false-alarm).") { Required = true },
            new("REASON", ValueKind.Text, "Why, in one line (a cancel needs one).") { MaxLength = 500, TakesRest = true },
        ],
        Flags = [Incident],
        Examples = ["/incident status identified \"root cause: memory leak in frontend 2.4.1\"", "/incident status resolved --incident INC-2026-0042"],
    };

    public static CommandDefinition Severity { get; } = new(["incident", "severity"], "Change the severity (raising to sev1 tells the escalation channels).", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments =
        [
            new("SEVERITY", ValueKind.Text, "sev1, sev2, sev3 or sev4.") { Required = true },
            new("REASON", ValueKind.Text, "Why, in one line.") { MaxLength = 500, TakesRest = true },
        ],
        Flags = [Incident],
        Examples = ["/incident severity sev1 \"all regions affected\""],
    };

    public static CommandDefinition Role { get; } = new(["incident", "role"], "Give a role: commander, comms or scribe (none clears comms or scribe).", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments =
        [
            new("ROLE", ValueKind.Text, "commander (ic), comms or scribe.") { Required = true },
            new("PERSON", ValueKind.Text, "@name, or none to clear comms or scribe.") { Required = true },
        ],
        Flags = [Incident],
        Examples = ["/incident role comms @bob", "/incident role scribe none"],
    };

    public static CommandDefinition Update { get; } = new(["incident", "update"], "Draft a stakeholder update (written from the incident without TEXT); another responder approves it.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments = [new("TEXT", ValueKind.Text, "The update as stakeholders read it (≤ 3,000 characters); omitted: written from the incident.") { MaxLength = MaxLongText, TakesRest = true }],
        Flags = [Incident, new("edit", ValueKind.Integer, "Replace the text of draft N instead.") { ValueName = "N", Min = 1, Max = 100_000 }],
        Examples = ["/incident update", "/incident update \"Checkout is failing for some customers; a fix is being applied.\"", "/incident update --edit 2 \"…\""],
    };

    public static CommandDefinition Note { get; } = new(["incident", "note"], "Add a note to the timeline.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments = [new("TEXT", ValueKind.Text, "The note (≤ 3,000 characters).") { Required = true, MaxLength = MaxLongText, TakesRest = true }],
        Flags = [Incident],
        Examples = ["/incident note \"failover to the secondary database started\""],
    };

    public static CommandDefinition Timeline { get; } = new(["incident", "timeline"], "Show the incident's timeline.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Flags = [Incident],
    };

    public static CommandDefinition Postmortem { get; } = new(["incident", "postmortem"], "Write the postmortem draft (from resolved); closing needs one.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Flags = [Incident],
    };

    public static CommandDefinition Close { get; } = new(["incident", "close"], "Close a resolved incident that has a postmortem.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Flags = [Incident],
    };

    public static CommandDefinition List { get; } = new(["incident", "list"], "List incidents, newest first.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Flags = [new("open", ValueKind.Boolean, "Only open incidents.")],
    };

    public static CommandDefinition Show { get; } = new(["incident", "show"], "Show an incident's card.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments = [new("ID", ValueKind.Text, "INC-2026-0042.") { Required = true }],
    };

    public static IReadOnlyList<CommandDefinition> All { get; } = [Declare, Status, Severity, Role, Update, Note, Timeline, Postmortem, Close, List, Show];
}
