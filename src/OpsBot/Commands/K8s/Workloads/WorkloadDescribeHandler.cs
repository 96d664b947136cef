using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s describe sts|ds|job|cronjob|pvc NAME</c>: what needs attention, the fields that matter, conditions, events.</summary>
public abstract class WorkloadDescribeHandler<T>(WorkloadKind<T> kind, CommandDefinition definition) : ICommandHandler
    where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
{
    public CommandDefinition Definition { get; } = definition;

    public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DescribeAsync(kind, context, context.Command.GetString("NAME")!, cancellationToken);
    }

    /// <summary>The describe reply for one object (shared with the list command given a NAME).</summary>
    public static async Task<ChatReply> DescribeAsync(WorkloadKind<T> kind, CommandContext context, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.Namespace;
        var item = await KubernetesReads.ReadAsync(token => kind.ReadAsync(context.Client, name, ns, token), kind.Noun, name, ns, cancellationToken).ConfigureAwait(false);
        var events = await ObjectEvents.ListAsync(context.Reads, ns, kind.Kind, name, item.Metadata?.Uid, cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var blocks = new List<MessageBlock>();
        if (kind.Problem(item, now) is { } problem)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Problems") + "\n• " + problem));
        }

        blocks.Add(new FieldsBlock(kind.Fields(item, now)));
        var conditions = kind.Conditions(item).Select(c => (IReadOnlyList<string>)[c.Type, c.Status, c.Reason ?? string.Empty, c.Message ?? string.Empty]).ToList();
        if (conditions.Count > 0)
        {
            blocks.Add(new TableBlock(["CONDITION", "STATUS", "REASON", "MESSAGE"], conditions) { Caption = "Conditions" });
        }

        blocks.AddRange(ObjectEvents.Blocks(events, now));
        blocks.Add(K8sReplies.Context(context));
        return new ChatReply(new ChatMessage(kind.Summary(item, now)) { Header = $"{kind.Kind} {name}", Blocks = blocks });
    }
}
