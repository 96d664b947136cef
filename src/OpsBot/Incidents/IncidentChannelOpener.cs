using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Slack;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>
/// Opens where a declared incident is worked, on the platform it was declared from, and posts its card there:
/// <list type="bullet">
/// <item>Slack: a channel <c>#inc-2026-0042-checkout-returns-500s</c> (<c>conversations.create</c>, the declarer and the
/// commander invited). Without the <c>channels:manage</c> scope (<c>missing_scope</c>) — or any other refusal — the card
/// goes into the declaring channel and the incident is worked in its thread; the answer says why.</item>
/// <item>Teams: a new conversation (thread) in the declaring channel (creating a channel needs Microsoft Graph, see TEAMS.md).</item>
/// <item>Console: the channel <c>inc-2026-0042</c> (the id in lower case), which the console's channel picker lists.</item>
/// </list>
/// </summary>
public sealed partial class IncidentChannelOpener(IncidentResponder responder, IServiceProvider services, ILogger<IncidentChannelOpener> logger)
{
    private const int NameAttempts = 5;

    /// <summary>Opens the incident's channel and attaches it; the outcome says where and, for a fallback, why.</summary>
    public async Task<OpenedChannel> OpenAsync(Incident incident, ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(request);
        var opened = request.Platform switch
        {
            ChatPlatform.Slack => await OpenSlackAsync(incident, request, cancellationToken).ConfigureAwait(false),
            ChatPlatform.Teams => await OpenThreadAsync(incident, request, "a new thread in this channel", null, cancellationToken).ConfigureAwait(false),
            _ => await OpenConsoleAsync(incident, cancellationToken).ConfigureAwait(false),
        };
        if (opened.Channel is { } channel)
        {
            await responder.Incidents.AttachChannelAsync(incident.Id.ToString(), channel, cancellationToken).ConfigureAwait(false);
        }

        return opened;
    }

    private async Task<OpenedChannel> OpenConsoleAsync(Incident incident, CancellationToken cancellationToken)
    {
        var name = incident.Id.LowerCase;
        var posted = await responder.PostCardAsync(incident, new ConversationAddress(ChatPlatform.Console, name), cancellationToken).ConfigureAwait(false);
        return posted is null
            ? new OpenedChannel(null, "its channel could not be opened (see the log)", null)
            : new OpenedChannel(new IncidentChannel("console", name), $"#{name}", null);
    }

    private async Task<OpenedChannel> OpenSlackAsync(Incident incident, ChatRequest request, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(SlackApiClient)) is not SlackApiClient slack)
        {
            return await OpenThreadAsync(incident, request, "the thread of the incident card in this channel", "Slack is not configured for channels", cancellationToken).ConfigureAwait(false);
        }

        var name = SlackChannelNames.For(incident.Id, incident.Title);
        string? channelId = null;
        string? refusal = null;
        for (var attempt = 1; attempt <= NameAttempts && channelId is null && refusal is null; attempt++)
        {
            var tried = attempt == 1 ? name : SlackChannelNames.WithSuffix(name, attempt);
            try
            {
                // https://docs.slack.dev/reference/methods/conversations.create: not idempotent (a retry after a lost answer gets name_taken).
                var created = await slack.CallAsync("conversations.create", new JsonObject { ["name"] = tried, ["is_private"] = false }, idempotent: false, cancellationToken).ConfigureAwait(false);
                channelId = (string?)created["channel"]?["id"];
                name = tried;
                refusal = channelId is null ? "Slack created no channel id" : null;
            }
            catch (SlackApiException error) when (error.Error == "name_taken")
            {
                // Someone named a channel so already (or an earlier declaration of the same number); try the next suffix.
            }
            catch (SlackApiException error)
            {
                refusal = error.Error == "missing_scope"
                    ? "OpsBot lacks Slack's channels:manage scope (missing_scope), so it cannot create channels; add it to the app (manifests/slack/app-manifest.yaml)"
                    : $"Slack refused to create #{name} ({error.Error})";
                LogChannelRefused(incident.Id.ToString(), error.Error);
            }
        }

        if (channelId is null)
        {
            return await OpenThreadAsync(incident, request, "the thread of the incident card in this channel", refusal ?? $"the names #{name}… are taken", cancellationToken).ConfigureAwait(false);
        }

        var invitees = new[] { incident.DeclaredBy, incident.Commander }
            .Where(actor => actor.Platform == "slack")
            .Select(actor => actor.UserId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (invitees.Count > 0)
        {
            try
            {
                // https://docs.slack.dev/reference/methods/conversations.invite: a comma-separated list of user ids.
                await slack.CallAsync("conversations.invite", new JsonObject { ["channel"] = channelId, ["users"] = string.Join(',', invitees) }, idempotent: true, cancellationToken).ConfigureAwait(false);
            }
            catch (SlackApiException error)
            {
                // The channel exists and the card goes there; people can join it themselves.
                LogInviteFailed(incident.Id.ToString(), channelId, error.Error);
            }
        }

        await responder.PostCardAsync(incident, new ConversationAddress(ChatPlatform.Slack, channelId), cancellationToken).ConfigureAwait(false);
        return new OpenedChannel(new IncidentChannel("slack", channelId), $"#{name}", null);
    }

    private async Task<OpenedChannel> OpenThreadAsync(Incident incident, ChatRequest request, string where, string? fallbackReason, CancellationToken cancellationToken)
    {
        var platform = Actors(request.Platform);
        var posted = await responder.PostCardAsync(incident, new ConversationAddress(request.Platform, request.ChannelId), cancellationToken).ConfigureAwait(false);
        return posted is null
            ? new OpenedChannel(null, "this channel (its card could not be posted; see the log)", fallbackReason)
            : new OpenedChannel(new IncidentChannel(platform, posted.ChannelId, posted.ThreadId ?? posted.MessageId), where, fallbackReason);
    }

    private static string Actors(ChatPlatform platform) => OpsBot.ActionWorkflows.Actors.PlatformName(platform);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused to create the channel of {Incident} ({Error}); working in a thread instead")]
    private partial void LogChannelRefused(string incident, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused to invite people into the channel {Channel} of {Incident} ({Error})")]
    private partial void LogInviteFailed(string incident, string channel, string error);
}
