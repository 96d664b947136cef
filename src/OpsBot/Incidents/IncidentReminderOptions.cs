using System.ComponentModel.DataAnnotations;

namespace OpsBot.Incidents;

/// <summary>
/// How the host drives the incidents' update cadence (<c>Incidents:ReminderInterval</c>): how often the reminder loop
/// looks for incidents with a reminder due. The cadence itself (<c>Incidents:UpdateCadence</c>) is the core's
/// <see cref="OpsBot.Workflows.Incidents.Policy.IncidentOptions"/>.
/// </summary>
public sealed class IncidentReminderOptions
{
    /// <value>The default is 30 seconds: a reminder goes out at most this late.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Incidents:ReminderInterval must be between 00:00:01 and 00:10:00.")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromSeconds(30);
}
