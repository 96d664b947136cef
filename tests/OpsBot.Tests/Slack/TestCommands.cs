using System.Collections.Concurrent;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Tests.Slack;

/// <summary>Commands and a button handler the Slack tests drive through the real pipeline.</summary>
internal sealed class TestCommands
{
    public SlowCommand Slow { get; } = new();

    public CountingCommand Counting { get; } = new();

    public SubjectCommand Subject { get; } = new();

    public ProbeButtons Probe { get; } = new();

    /// <summary><c>/slowtest</c>: answers after 10 seconds.</summary>
    internal sealed class SlowCommand : ICommandHandler
    {
        public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

        public CommandDefinition Definition { get; } = new(["slowtest"], "Answers after 10 s.", Permission.Read) { Scope = CommandScope.Cluster };

        public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Duration, cancellationToken);
            return new ChatReply(new ChatMessage("slow result") { Blocks = [new SectionBlock(RichText.Bold("slow") + " result")] });
        }
    }

    /// <summary><c>/countme WORD</c>: counts each run per word; answers in the channel.</summary>
    internal sealed class CountingCommand : ICommandHandler
    {
        private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

        public CommandDefinition Definition { get; } = new(["countme"], "Counts runs.", Permission.Read)
        {
            Scope = CommandScope.Cluster,
            Arguments = [new ArgumentDefinition("WORD", ValueKind.Text, "What to count.") { Required = true }],
        };

        public int Total => _runs.Values.Sum();

        public IReadOnlyDictionary<string, int> Runs => _runs;

        public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
        {
            var word = context.Command.GetString("WORD") ?? "";
            var count = _runs.AddOrUpdate(word, 1, (_, runs) => runs + 1);
            return Task.FromResult(new ChatReply(new ChatMessage($"counted {word} {count}")));
        }
    }

    /// <summary><c>/subjecttest ID</c>: a reply about <c>test:ID</c> with a danger button that asks to confirm.</summary>
    internal sealed class SubjectCommand : ICommandHandler
    {
        public CommandDefinition Definition { get; } = new(["subjecttest"], "A reply with a subject.", Permission.Read)
        {
            Scope = CommandScope.Cluster,
            Arguments = [new ArgumentDefinition("ID", ValueKind.Text, "The subject id.") { Required = true }],
        };

        public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
        {
            var id = context.Command.GetString("ID") ?? "x";
            var message = new ChatMessage($"Approval needed for {id}")
            {
                Header = "Rollback deploy/frontend",
                Blocks =
                [
                    new SectionBlock("Roll back to revision 3?"),
                    new ActionsBlock(
                    [
                        new ChatButton("probe.approve", "Approve", id) { Style = ButtonStyle.Primary },
                        new ChatButton("probe.reject", "Reject", id) { Style = ButtonStyle.Danger, Confirm = new ConfirmDialog("Reject?", "The rollback will not run.", "Reject", "Keep") },
                    ]),
                ],
            };
            return Task.FromResult(new ChatReply(message) { Subject = "test:" + id });
        }
    }

    /// <summary>Buttons <c>probe.*</c>: records each press and answers "Approved by …" in place of the card.</summary>
    internal sealed class ProbeButtons : IButtonHandler
    {
        private readonly ConcurrentQueue<ChatRequest> _presses = new();

        public string ActionPrefix => "probe.";

        public IReadOnlyList<ChatRequest> Presses => [.. _presses];

        public Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default)
        {
            _presses.Enqueue(request);
            var text = $"{button.ActionId} {button.Value} by {request.UserId}";
            return Task.FromResult(new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { ReplaceOriginal = button.Value != "new", Subject = "test:" + button.Value });
        }
    }
}
