using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary><c>/checks run NAME</c>: runs a check now, here; its alerts go where the scheduled ones go, said once as ever.</summary>
public sealed class ChecksRunHandler(CheckCatalog catalog, CheckRunner runner) : ICommandHandler
{
    public const string NameArgument = "NAME";

    public CommandDefinition Definition { get; } = new(["checks", "run"], "Run a check now (its alerts go to the alert channels).", Permission.Triage)
    {
        Scope = CommandScope.Cluster,
        Arguments = [new(NameArgument, ValueKind.Text, "The check: cert-expiry.") { Required = true }],
        Examples = ["/checks run cert-expiry"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = catalog.Find(context.Command.GetString(NameArgument));
        var trigger = $"{context.Request.Platform.ToString().ToLowerInvariant()}:{context.Request.UserId}";
        var result = await runner.RunAsync(check, trigger, cancellationToken).ConfigureAwait(false);
        var headline = $"{check.Name}: {result.Outcome.ToString().ToLowerInvariant()} — {result.Summary}";
        return new ChatReply(new ChatMessage(headline) { Header = $"Ran {check.Name}", Blocks = [new SectionBlock(result.Outcome == CheckOutcome.Failed ? RichText.Bold(headline) : RichText.Plain(headline))] });
    }
}
