using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Workflows.Incidents;

/// <summary>Declaring an incident: every field checked, the id allocated, the incident stored in Declared.</summary>
public sealed partial class IncidentService
{
    private const string Declare = "Declare";

    /// <summary>
    /// Declares an incident (the declarer needs the incident permission on its namespace; a named commander too) with the
    /// declarer as commander unless one is named. Refused with what to fix: unknown severity, empty or over-long title,
    /// a malformed namespace, a detection time in the future, a commander who may not act on the incident.
    /// </summary>
    public async Task<IncidentOutcome> DeclareAsync(IncidentDeclaration declaration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var now = _time.GetUtcNow();
        if (Check(declaration, now) is { } invalid)
        {
            return IncidentOutcome.Refused(null, invalid);
        }

        IncidentText.TryTitle(declaration.Title, out var title, out _);
        IncidentSeverities.TryParse(declaration.Severity, out var severity, out _);
        var ns = declaration.Namespace?.Trim() ?? string.Empty;
        var commander = declaration.Commander ?? declaration.DeclaredBy;
        if (!_permissions.HoldsIncident(declaration.DeclaredBy, ns))
        {
            return IncidentOutcome.Refused(null, IncidentRefusal.NotAllowed(Declare, [ns.Length == 0 ? "the person holds incident" : $"the person holds incident on {ns}"]));
        }

        if (!commander.IsSameUser(declaration.DeclaredBy) && !_permissions.HoldsIncident(commander, ns))
        {
            return IncidentOutcome.Refused(null, IncidentRefusal.Invalid(
                Declare, $"{commander.DisplayName} does not hold the incident permission{(ns.Length == 0 ? string.Empty : $" on {ns}")}; name a commander who can act on the incident."));
        }

        var id = await _store.AllocateIdAsync(now.UtcDateTime.Year, cancellationToken).ConfigureAwait(false);
        var incident = new Incident
        {
            Id = id,
            Title = title,
            Severity = severity,
            Cluster = string.IsNullOrWhiteSpace(declaration.Cluster) ? null : declaration.Cluster.Trim(),
            Namespace = ns,
            DeclaredBy = declaration.DeclaredBy,
            DeclaredIn = declaration.DeclaredIn,
            Commander = commander,
            DetectedAt = declaration.DetectedAt,
            DeclaredAt = now,
            UpdatedAt = now,
        };
        incident.Timeline.Add(new IncidentDeclared { At = now, By = declaration.DeclaredBy, Title = title, Severity = severity, Commander = commander });
        await _store.CreateAsync(IncidentRecords.ToRecord(incident, NextReminderAt(incident)), cancellationToken).ConfigureAwait(false);
        incident.Version = 1;
        WorkflowMetrics.IncidentTransition(severity.ToString(), "none", incident.State.ToString());
        return new IncidentOutcome(IncidentOutcomeStatus.Changed, incident, [.. incident.Timeline]);
    }

    private static IncidentRefusal? Check(IncidentDeclaration declaration, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!IncidentSeverities.TryParse(declaration.Severity, out _, out var severityProblem))
        {
            problems.Add(severityProblem);
        }

        if (!IncidentText.TryTitle(declaration.Title, out _, out var titleProblem))
        {
            problems.Add(titleProblem!);
        }

        if (declaration.Namespace is { } ns && ns.Trim().Length > 0 && NamespaceProblem(ns.Trim()) is { } nsProblem)
        {
            problems.Add(nsProblem);
        }

        if (declaration.Cluster is { } cluster && (cluster.Trim().Length > 100 || cluster.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            problems.Add("The cluster name is not one OpsBot could know; use a configured cluster's name (--cluster NAME).");
        }

        if (declaration.DetectedAt is { } detected && detected > now)
        {
            problems.Add($"The impact cannot start in the future ({detected.UtcDateTime:yyyy-MM-dd HH:mm} UTC).");
        }

        if (string.IsNullOrWhiteSpace(declaration.DeclaredIn) || declaration.DeclaredIn.IndexOf(':', StringComparison.Ordinal) <= 0)
        {
            throw new ArgumentException("DeclaredIn is platform:channel (slack:C0ALERTS).", nameof(declaration));
        }

        return problems.Count == 0 ? null : new IncidentRefusal(IncidentRefusalKind.InvalidInput, Declare, null, problems, []);
    }

    // A Kubernetes namespace is an RFC 1123 label: what a namespace from chat must be before it goes anywhere.
    private static string? NamespaceProblem(string ns) =>
        ns.Length <= 63 && ns[0] != '-' && ns[^1] != '-' && ns.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? null
            : $"\"{IncidentText.OneLine(ns, 63)}\" is not a namespace name; use at most 63 lower case letters, digits and '-', starting and ending with a letter or digit.";
}
