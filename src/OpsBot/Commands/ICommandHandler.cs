using OpsBot.Chat;

namespace OpsBot.Commands;

/// <summary>
/// One command (or subcommand): it declares itself with a <see cref="CommandDefinition"/> and answers a
/// parsed, authorized request. Handlers never see raw text and never throw for bad input: the parser
/// and the pipeline deal with it. Kubernetes exceptions may escape; the pipeline turns them into answers.
/// </summary>
public interface ICommandHandler
{
    CommandDefinition Definition { get; }

    Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default);
}
