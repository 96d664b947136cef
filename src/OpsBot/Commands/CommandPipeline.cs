using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Audit;
using OpsBot.Authorization;
using OpsBot.Caching;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using k8s;

namespace OpsBot.Commands;

/// <summary>
/// The <see cref="IChatPipeline"/> for typed commands: parse → resolve cluster and namespace →
/// authorize → run the handler within <see cref="CommandOptions.Timeout"/> → reply, auditing every
/// outcome. Bad input, refusals and cluster errors become replies; nothing throws to the adapter.
/// </summary>
public sealed partial class CommandPipeline : IChatPipeline
{
    private const int MaxAuditedTextLength = 1_000;

    private readonly CommandParser _parser;
    private readonly Dictionary<CommandDefinition, ICommandHandler> _handlers;
    private readonly ICommandAuthorizer _authorizer;
    private readonly IClusterProvider _clusters;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly CommandOptions _options;
    private readonly ILogger<CommandPipeline> _logger;
    private readonly IButtonHandler[] _buttons;
    private readonly IClusterClock? _clusterClock;
    private readonly IClusterCaches? _caches;

    public CommandPipeline(
        CommandParser parser,
        IEnumerable<ICommandHandler> handlers,
        IEnumerable<IButtonHandler> buttons,
        ICommandAuthorizer authorizer,
        IClusterProvider clusters,
        IAuditLog audit,
        TimeProvider time,
        IOptions<CommandOptions> options,
        ILogger<CommandPipeline> logger,
        IClusterClock? clusterClock = null,
        IClusterCaches? caches = null)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _parser = parser;
        _handlers = handlers.ToDictionary<ICommandHandler, CommandDefinition>(handler => handler.Definition, ReferenceEqualityComparer.Instance);
        _authorizer = authorizer;
        _clusters = clusters;
        _audit = audit;
        _time = time;
        _options = options.Value;
        _logger = logger;
        ArgumentNullException.ThrowIfNull(buttons);
        _buttons = [.. buttons.OrderByDescending(button => button.ActionPrefix.Length)];
        _clusterClock = clusterClock;
        _caches = caches;
    }

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Button is { } button)
        {
            return await HandleButtonAsync(request, button, cancellationToken).ConfigureAwait(false);
        }

        ParseResult parsed;
        try
        {
            parsed = _parser.Parse(request.Text);
        }
        catch (CommandInputException error)
        {
            await AuditAsync(request, AuditOutcome.Invalid, error.Message, cancellationToken).ConfigureAwait(false);
            return CommandHelp.InputError(error, _parser.Catalog);
        }

        if (parsed.IsHelp || parsed.Command is null)
        {
            return CommandHelp.For(_parser.Catalog, parsed.HelpFor);
        }

        var command = parsed.Command;
        var definition = command.Definition;
        var channel = _authorizer.ChannelFor(request);
        var clusterName = command.Cluster ?? channel.Cluster ?? _clusters.DefaultCluster;
        k8s.IKubernetes client;
        try
        {
            client = _clusters.GetClient(clusterName);
        }
        catch (UnknownClusterException error)
        {
            await AuditAsync(request, AuditOutcome.Invalid, error.Message, cancellationToken).ConfigureAwait(false);
            return Plain(error.Message, ephemeral: true);
        }

        var ns = command.Namespace ?? channel.DefaultNamespace ?? "default";
        var scopeNamespace = definition.Scope == CommandScope.Cluster || command.AllNamespaces ? null : ns;
        var decision = _authorizer.Authorize(request, definition.Permission, scopeNamespace);
        if (!decision.Allowed)
        {
            await AuditAsync(request, AuditOutcome.Denied, decision.Reason, cancellationToken).ConfigureAwait(false);
            return Plain(decision.Reason ?? "Not allowed.", ephemeral: true);
        }

        // -A listings ask once per object; the answer only depends on the namespace.
        var visibility = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var context = new CommandContext
        {
            Request = request,
            Command = command,
            ClusterName = clusterName,
            Client = client,
            Reads = new ClusterReads(client, _caches?.For(clusterName)),
            Namespace = ns,
            AllNamespaces = command.AllNamespaces,
            IsNamespaceVisible = name => visibility.GetOrAdd(name, ns => _authorizer.IsAllowed(request, definition.Permission, ns)),
            Time = _clusterClock?.For(client) ?? _time,
            Options = _options,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await _handlers[definition].HandleAsync(context, deadline.Token).ConfigureAwait(false);
            await AuditAsync(request, AuditOutcome.Ok, $"cluster={clusterName} namespace={(scopeNamespace ?? "*")}", cancellationToken).ConfigureAwait(false);
            LogHandled(definition.DisplayName, Stopwatch.GetElapsedTime(started).TotalMilliseconds, request.CorrelationId);
            return reply;
        }
        catch (CommandFailedException error)
        {
            await AuditAsync(request, AuditOutcome.Error, error.Message, cancellationToken).ConfigureAwait(false);
            return Plain(Sentence(error.Message), ephemeral: true);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var message = $"The cluster {clusterName} did not answer within {KubernetesErrorMessages.Seconds(_options.Timeout)}.";
            await AuditAsync(request, AuditOutcome.Error, message, cancellationToken).ConfigureAwait(false);
            return Plain(message, ephemeral: true);
        }
        catch (Exception error) when (KubernetesErrorMessages.Describe(error, clusterName, _options.Timeout) is { } message)
        {
            await AuditAsync(request, AuditOutcome.Error, message, cancellationToken).ConfigureAwait(false);
            return Plain(message, ephemeral: true);
        }
        catch (Exception error) when (StoreAvailability.IsUnavailable(error) && !deadline.IsCancellationRequested)
        {
            LogStoreUnavailable(error, definition.DisplayName, request.CorrelationId);
            return Plain($"OpsBot could not run {definition.DisplayName}: its database is not answering (restarting?). Nothing was done; try again in a minute.", ephemeral: true);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error, definition.DisplayName, request.CorrelationId);
            await AuditAsync(request, AuditOutcome.Error, error.GetType().Name + ": " + error.Message, cancellationToken).ConfigureAwait(false);
            return Plain($"Something went wrong running {definition.DisplayName}; it has been logged (correlation id {request.CorrelationId}).", ephemeral: true);
        }
    }

    private async Task<ChatReply> HandleButtonAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken)
    {
        var handler = Array.Find(_buttons, candidate => button.ActionId.StartsWith(candidate.ActionPrefix, StringComparison.Ordinal));
        if (handler is null)
        {
            await AuditAsync(request, AuditOutcome.Invalid, $"unknown button {button.ActionId}", cancellationToken).ConfigureAwait(false);
            return Plain("This button is not known (any more); run the command again.", ephemeral: true);
        }

        try
        {
            return await handler.HandleAsync(request, button, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (StoreAvailability.IsUnavailable(error))
        {
            // Not a bug: the database is restarting or failing over. The audit entry cannot be written either.
            LogStoreUnavailable(error, LogText.Sanitize(button.ActionId), request.CorrelationId);
            return Plain("That press could not be recorded: OpsBot's database is not answering (restarting?). Nothing was done; press it again in a minute.", ephemeral: true);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error, LogText.Sanitize(button.ActionId), request.CorrelationId);
            await AuditAsync(request, AuditOutcome.Error, error.GetType().Name + ": " + error.Message, cancellationToken).ConfigureAwait(false);
            return Plain($"Something went wrong handling that button; it has been logged (correlation id {request.CorrelationId}).", ephemeral: true);
        }
    }

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? string.Empty : ".");

    private static ChatReply Plain(string text, bool ephemeral) =>
        new(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = ephemeral };

    private async Task AuditAsync(ChatRequest request, AuditOutcome outcome, string? detail, CancellationToken cancellationToken)
    {
        var text = request.Text ?? (request.Button is { } button ? $"[button {button.ActionId}]" : string.Empty);
        if (text.Length > MaxAuditedTextLength)
        {
            text = text[..MaxAuditedTextLength] + "…";
        }

        try
        {
            await _audit.RecordAsync(
                new AuditEntry(_time.GetUtcNow(), request.Platform, request.UserId, request.ChannelId, text, outcome, detail, request.CorrelationId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogAuditFailed(error, request.CorrelationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} answered in {ElapsedMs:0} ms (correlation {CorrelationId})")]
    private partial void LogHandled(string command, double elapsedMs, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed (correlation {CorrelationId})")]
    private partial void LogFailed(Exception error, string command, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Command}: the database did not answer; the requester was told nothing was done (correlation {CorrelationId})")]
    private partial void LogStoreUnavailable(Exception error, string command, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry (correlation {CorrelationId})")]
    private partial void LogAuditFailed(Exception error, string correlationId);
}
