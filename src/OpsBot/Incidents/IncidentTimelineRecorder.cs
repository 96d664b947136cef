using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Incidents;

/// <summary>
/// Wraps the chat pipeline: what people run in an incident's channel goes on its timeline — the command and its result in
/// one line, and a triage's root cause (from the report the triage answers with: title, summary, object, evidence).
/// <c>/incident</c> commands record their own entries. Recording never changes the answer, and its failures are logged.
/// </summary>
public sealed partial class IncidentTimelineRecorder(IChatPipeline inner, IncidentCommands commands, IncidentResponder responder, IncidentPeople people, TimeProvider time, ILogger<IncidentTimelineRecorder> logger) : IChatPipeline
{
    private const int MaxEvidence = 20;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await inner.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Text is not { } text || IsIncidentCommand(text))
        {
            return reply;
        }

        try
        {
            if (await commands.FindHereAsync(request, cancellationToken).ConfigureAwait(false) is { } incident)
            {
                await RecordAsync(incident, request, text, reply, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error, request.CorrelationId);
        }

        return reply;
    }

    private async Task RecordAsync(Incident incident, ChatRequest request, string text, ChatReply reply, CancellationToken cancellationToken)
    {
        var id = incident.Id.ToString();
        var now = time.GetUtcNow();
        var by = people.Of(request);
        var incidents = responder.Incidents;
        var outcome = await incidents.RecordTimelineAsync(id, new CommandRun
        {
            At = now,
            By = by,
            Key = "command:" + request.CorrelationId,
            Command = IncidentText.OneLine(text, CommandRun.MaxCommand),
            Result = IncidentText.OneLine(FirstLine(reply.Message.Text), CommandRun.MaxResult),
        }, cancellationToken).ConfigureAwait(false);
        if (RootCause(reply.Report, now, request.CorrelationId) is { } rootCause)
        {
            outcome = await incidents.RecordTimelineAsync(id, rootCause, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Incident is { } latest)
        {
            await responder.RefreshCardAsync(latest, cancellationToken).ConfigureAwait(false);
        }
    }

    // The triage report's root cause (TriageReport.ToJson: rootCauseId → the finding with that id).
    private static RootCauseFound? RootCause(JsonNode? report, DateTimeOffset at, string correlationId)
    {
        if (report is not JsonObject json || (string?)json["rootCauseId"] is not { } rootId || json["findings"] is not JsonArray findings)
        {
            return null;
        }

        var finding = findings.OfType<JsonObject>().FirstOrDefault(candidate => (string?)candidate["id"] == rootId);
        if (finding is null || (string?)finding["title"] is not { Length: > 0 } title)
        {
            return null;
        }

        var summary = (string?)finding["summary"] is { Length: > 0 } said ? $"{title}: {said}" : title;
        return new RootCauseFound
        {
            At = at,
            Key = "triage:" + correlationId,
            Summary = IncidentText.OneLine(summary, 500),
            Target = (string?)finding["resource"],
            Evidence = [.. (finding["evidence"] as JsonArray ?? []).OfType<JsonObject>().Select(evidence => (string?)evidence["text"]).OfType<string>().Take(MaxEvidence)],
        };
    }

    private static bool IsIncidentCommand(string text)
    {
        var trimmed = text.TrimStart().TrimStart('/');
        return trimmed.StartsWith("incident", StringComparison.OrdinalIgnoreCase) && (trimmed.Length == 8 || char.IsWhiteSpace(trimmed[8]));
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a command on its incident's timeline (correlation {CorrelationId})")]
    private partial void LogFailed(Exception error, string correlationId);
}
