using OpsBot.Chat;
using OpsBot.Commands;

namespace OpsBot.Incidents;

/// <summary>One <c>/incident …</c> subcommand: its definition, answered by <see cref="IncidentCommands"/>.</summary>
public sealed class IncidentCommandHandler(CommandDefinition definition, Func<CommandContext, CancellationToken, Task<ChatReply>> handle) : ICommandHandler
{
    public CommandDefinition Definition { get; } = definition;

    public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default) => handle(context, cancellationToken);

    /// <summary>Every subcommand, bound to <paramref name="commands"/>.</summary>
    public static IEnumerable<ICommandHandler> All(IncidentCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Declare, commands.DeclareAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Status, commands.StatusAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Severity, commands.SeverityAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Role, commands.RoleAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Update, commands.UpdateAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Note, commands.NoteAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Timeline, commands.TimelineAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Postmortem, commands.PostmortemAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Close, commands.CloseAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.List, commands.ListAsync);
        yield return new IncidentCommandHandler(IncidentCommandDefinitions.Show, commands.ShowAsync);
    }
}
