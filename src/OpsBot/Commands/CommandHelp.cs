using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Commands;

/// <summary>Help and usage messages, built from the <see cref="CommandDefinition"/>s.</summary>
public static class CommandHelp
{
    /// <summary>Help for everything, a group (<c>/k8s describe</c>) or one command (<c>/k8s pods --help</c>).</summary>
    public static ChatReply For(CommandCatalog catalog, CommandNode? node)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (node?.Definition is { } definition && node.Children.Count == 0)
        {
            return new ChatReply(ForCommand(definition)) { Ephemeral = true };
        }

        var commands = (node is null ? catalog.All : node.Commands).ToList();
        var title = node is null ? "OpsBot commands" : $"{node.DisplayName} commands";
        var rows = commands.Select(command => (IReadOnlyList<string>)[command.DisplayName + ArgumentsSyntax(command), command.Summary, command.Permission.ToName()]).ToList();
        var message = new ChatMessage(title + ": " + string.Join(", ", commands.Select(command => command.DisplayName)))
        {
            Header = title,
            Blocks =
            [
                new TableBlock(["COMMAND", "WHAT IT DOES", "NEEDS"], rows),
                new ContextBlock([RichText.Plain("Add --help to any command for its flags and examples, e.g. ") + RichText.Code("/k8s pods --help")]),
            ],
        };
        return new ChatReply(message) { Ephemeral = true };
    }

    /// <summary>Usage, flags and examples of one command.</summary>
    public static ChatMessage ForCommand(CommandDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Plain(definition.Summary)) { Fields = [new("Usage", RichText.Code(definition.Usage)), new("Needs", definition.Permission.ToName() + " permission" + (definition.Scope == CommandScope.Cluster ? " (cluster-wide)" : " on the namespace"))] },
        };
        if (definition.Arguments.Count > 0 || definition.AllFlags.Count > 0)
        {
            var rows = definition.Arguments.Select(argument => (IReadOnlyList<string>)[argument.Syntax, argument.Description])
                .Concat(definition.AllFlags.Select(flag => (IReadOnlyList<string>)[flag.Syntax, flag.Description + (flag.DefaultText is null ? string.Empty : $" (default: {flag.DefaultText})")]))
                .ToList();
            blocks.Add(new TableBlock(["ARGUMENT / FLAG", "MEANING"], rows));
        }

        if (definition.Examples.Count > 0)
        {
            blocks.Add(new CodeBlock(string.Join('\n', definition.Examples)));
        }

        return new ChatMessage($"Usage: {definition.Usage}") { Header = definition.DisplayName, Blocks = blocks };
    }

    /// <summary>An error about the input: what is wrong, then the usage of the command (or the group's subcommands).</summary>
    public static ChatReply InputError(CommandInputException error, CommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(catalog);
        var blocks = new List<MessageBlock> { new SectionBlock(RichText.Bold("Can't run that: ") + error.Message) };
        if (error.Definition is { } definition)
        {
            blocks.Add(new SectionBlock(RichText.Empty) { Fields = [new("Usage", RichText.Code(definition.Usage))] });
            blocks.Add(new ContextBlock([RichText.Plain("More: ") + RichText.Code(definition.DisplayName + " --help")]));
        }
        else
        {
            var commands = (error.Node?.Commands ?? catalog.All).ToList();
            blocks.Add(new SectionBlock(RichText.Empty) { Fields = [new("Commands", string.Join('\n', commands.Select(command => command.DisplayName + ArgumentsSyntax(command))))] });
            blocks.Add(new ContextBlock([RichText.Plain("More: ") + RichText.Code("/k8s help")]));
        }

        return new ChatReply(new ChatMessage("Can't run that: " + error.Message) { Blocks = blocks }) { Ephemeral = true };
    }

    private static string ArgumentsSyntax(CommandDefinition definition) =>
        definition.Arguments.Count == 0 ? string.Empty : " " + string.Join(' ', definition.Arguments.Select(argument => argument.Syntax));
}
