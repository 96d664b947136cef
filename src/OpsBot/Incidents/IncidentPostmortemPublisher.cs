using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Chat;
using OpsBot.Console;
using OpsBot.Slack;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Postmortems;

namespace OpsBot.Incidents;

/// <summary>
/// Puts a written postmortem where people work the incident: the Markdown uploaded as a file to each of its Slack
/// channels (or threads), the link (<see cref="ConsoleOptions.PublicUrl"/> + <c>/api/incidents/{id}/postmortem.md</c>)
/// everywhere else. An upload Slack refuses (no <c>files:write</c>: <c>missing_scope</c>) is said in the answer, with the
/// link instead; it never fails the step, which already happened.
/// </summary>
public sealed partial class IncidentPostmortemPublisher(IOptions<ConsoleOptions> console, TimeProvider time, IServiceProvider services, ILogger<IncidentPostmortemPublisher> logger)
{
    /// <summary>The link to the incident's postmortem, absolute when <c>Console:PublicUrl</c> is set.</summary>
    public string LinkOf(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return console.Value.Link(IncidentEndpoints.PostmortemPath(incident.Id));
    }

    /// <summary>Uploads the postmortem of <paramref name="incident"/> to its Slack channels; returns one line per channel saying how it went.</summary>
    public async Task<IReadOnlyList<string>> UploadAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var channels = incident.Channels.Where(channel => channel.Platform == "slack").ToList();
        if (channels.Count == 0)
        {
            return [];
        }

        var link = LinkOf(incident);
        if (services.GetService(typeof(SlackApiClient)) is not SlackApiClient slack)
        {
            return [$"Slack is not configured here, so the file was not uploaded; it is at {link}."];
        }

        var markdown = Encoding.UTF8.GetBytes(PostmortemDraft.Build(incident, time.GetUtcNow()));
        var filename = $"postmortem-{incident.Id}.md";
        var lines = new List<string>();
        foreach (var channel in channels)
        {
            try
            {
                await slack.UploadFileAsync(channel.ChannelId, filename, $"Postmortem draft · {incident.Id}", markdown, channel.ThreadId, $"📄 Postmortem draft of {incident.Id} (Markdown; also at {link}).", cancellationToken).ConfigureAwait(false);
                lines.Add($"Uploaded to Slack as {filename}.");
            }
            catch (SlackApiException error)
            {
                LogUploadFailed(incident.Id.ToString(), LogText.Sanitize(channel.ChannelId), error.Method, error.Error);
                lines.Add(error.Error == "missing_scope"
                    ? $"I could not upload it to Slack: the app lacks the files:write scope (missing_scope; add it from manifests/slack/app-manifest.yaml). Get it at {link}."
                    : $"I could not upload it to Slack ({error.Method}: {error.Error}). Get it at {link}.");
            }
        }

        return lines;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The postmortem of {Incident} was not uploaded to Slack channel {Channel}: {Method} answered {Error}")]
    private partial void LogUploadFailed(string incident, string channel, string method, string error);
}
