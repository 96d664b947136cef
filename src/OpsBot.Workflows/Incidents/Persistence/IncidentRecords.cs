using System.Text.Json;

namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>Maps an <see cref="Incident"/> to the store's <see cref="IncidentRecord"/> (queried columns + JSON) and back.</summary>
public static class IncidentRecords
{
    /// <param name="incident">The incident.</param>
    /// <param name="nextReminderAt">When its next cadence reminder is due (<see cref="Cadence.UpdateCadence.NextCheckAt"/>), for the column.</param>
    public static IncidentRecord ToRecord(Incident incident, DateTimeOffset? nextReminderAt = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var data = new IncidentData
        {
            DeclaredBy = incident.DeclaredBy,
            DeclaredIn = incident.DeclaredIn,
            Channels = incident.Channels,
            Commander = incident.Commander,
            CommunicationsLead = incident.CommunicationsLead,
            Scribe = incident.Scribe,
            DetectedAt = incident.DetectedAt,
            AcknowledgedAt = incident.AcknowledgedAt,
            IdentifiedAt = incident.IdentifiedAt,
            MitigatedAt = incident.MitigatedAt,
            ResolvedAt = incident.ResolvedAt,
            ClosedAt = incident.ClosedAt,
            CancelledAt = incident.CancelledAt,
            CadenceRestartedAt = incident.CadenceRestartedAt,
            PendingResolve = incident.PendingResolve,
            Postmortem = incident.Postmortem,
            Workflows = incident.Workflows,
            Timeline = incident.Timeline,
            Updates = incident.Updates,
            Reminders = incident.Reminders,
        };
        return new IncidentRecord
        {
            Id = incident.Id.ToString(),
            Year = incident.Id.Year,
            Number = incident.Id.Number,
            Title = incident.Title,
            Severity = incident.Severity.ToString(),
            State = incident.State.ToString(),
            Version = incident.Version,
            Cluster = incident.Cluster,
            Namespace = incident.Namespace,
            Commander = incident.Commander.Key,
            DeclaredAt = incident.DeclaredAt,
            UpdatedAt = incident.UpdatedAt,
            EndedAt = incident.EndedAt,
            NextReminderAt = nextReminderAt,
            ChannelKeys = [.. incident.Channels.Select(channel => channel.Key).Distinct(StringComparer.Ordinal)],
            Data = JsonSerializer.Serialize(data, IncidentJsonContext.Default.IncidentData),
        };
    }

    /// <summary>The incident a record holds; the record's columns (state, severity, title, version) win over anything in its JSON.</summary>
    /// <exception cref="InvalidDataException">The record is not an incident this version understands.</exception>
    public static Incident FromRecord(IncidentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Enum.TryParse<IncidentState>(record.State, out var state) || state == IncidentState.Active)
        {
            throw new InvalidDataException($"Incident {record.Id} is in an unknown state \"{record.State}\".");
        }

        if (!Enum.TryParse<IncidentSeverity>(record.Severity, out var severity) || !Enum.IsDefined(severity))
        {
            throw new InvalidDataException($"Incident {record.Id} has an unknown severity \"{record.Severity}\".");
        }

        IncidentData data;
        try
        {
            data = JsonSerializer.Deserialize(record.Data, IncidentJsonContext.Default.IncidentData)
                ?? throw new InvalidDataException($"Incident {record.Id} has no data.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Incident {record.Id} has unreadable data: {error.Message}", error);
        }

        return new Incident
        {
            Id = new IncidentId(record.Year, record.Number),
            Title = record.Title,
            Severity = severity,
            State = state,
            Version = record.Version,
            Cluster = record.Cluster,
            Namespace = record.Namespace,
            DeclaredBy = data.DeclaredBy,
            DeclaredIn = data.DeclaredIn,
            Channels = data.Channels,
            Commander = data.Commander,
            CommunicationsLead = data.CommunicationsLead,
            Scribe = data.Scribe,
            DetectedAt = data.DetectedAt,
            DeclaredAt = record.DeclaredAt,
            AcknowledgedAt = data.AcknowledgedAt,
            IdentifiedAt = data.IdentifiedAt,
            MitigatedAt = data.MitigatedAt,
            ResolvedAt = data.ResolvedAt,
            ClosedAt = data.ClosedAt,
            CancelledAt = data.CancelledAt,
            UpdatedAt = record.UpdatedAt,
            CadenceRestartedAt = data.CadenceRestartedAt,
            PendingResolve = data.PendingResolve,
            Postmortem = data.Postmortem,
            Workflows = data.Workflows,
            Timeline = data.Timeline,
            Updates = data.Updates,
            Reminders = data.Reminders,
        };
    }
}
