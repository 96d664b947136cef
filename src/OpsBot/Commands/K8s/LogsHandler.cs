using k8s;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s logs pod/NAME [-c CONTAINER] [--previous] [--tail N] [--since 1h]</c>: the log tail, secrets redacted.</summary>
public sealed class LogsHandler : ICommandHandler
{
    public const string Container = "container";
    public const string Previous = "previous";
    public const string Tail = "tail";
    public const string Since = "since";
    public const int DefaultTail = 100;

    /// <summary>The most bytes read from the kubelet.</summary>
    public const int MaxBytes = 512 * 1024;

    private const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    public CommandDefinition Definition { get; } = new(["k8s", "logs"], "The last lines of a pod's log (secrets redacted).", Permission.Read)
    {
        Aliases = ["log"],
        Arguments = [new("NAME", ValueKind.ObjectName, "The pod.") { Required = true, ObjectKind = "pod", ResourcePrefixes = ["pod", "pods", "po"] }],
        Flags =
        [
            new(Container, ValueKind.ContainerName, "The container (default: the pod's default or only container).") { Short = 'c', ValueName = "CONTAINER" },
            new(Previous, ValueKind.Boolean, "The previous (crashed) run of the container.") { Short = 'p' },
            new(Tail, ValueKind.Integer, "How many lines from the end.") { ValueName = "N", Min = 1, Max = 10_000, DefaultText = "100" },
            new(Since, ValueKind.Duration, "Only lines from this long ago, e.g. 10m.") { ValueName = "DURATION" },
        ],
        Examples = ["/k8s logs pod/frontend-7d9f-b --previous", "/k8s logs pod/frontend-7d9f-b -c app --tail 50", "/k8s logs frontend-7d9f-b --since 10m"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command;
        var name = command.GetString("NAME")!;
        var ns = context.Namespace;
        var pod = await KubernetesReads.ReadAsync(token => context.Client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: token), "pod", name, ns, cancellationToken).ConfigureAwait(false);
        var containers = pod.Spec?.Containers?.Select(c => c.Name ?? string.Empty).ToList() ?? [];
        var initContainers = pod.Spec?.InitContainers?.Select(c => c.Name ?? string.Empty).ToList() ?? [];
        var container = command.GetString(Container);
        var note = (string?)null;
        if (container is null)
        {
            container = pod.Metadata?.Annotations?.TryGetValue(DefaultContainerAnnotation, out var preferred) == true && containers.Contains(preferred)
                ? preferred
                : containers.FirstOrDefault() ?? throw new CommandFailedException($"pod {name} has no containers");
            if (containers.Count > 1)
            {
                note = $"container {container} (of {string.Join(", ", containers)}; pick one with -c)";
            }
        }
        else if (!containers.Contains(container) && !initContainers.Contains(container))
        {
            throw new CommandFailedException($"pod {name} has no container {container}; its containers: {string.Join(", ", containers.Concat(initContainers))}");
        }

        var tail = Math.Min(command.GetInt(Tail) ?? DefaultTail, context.Options.MaxLogLines);
        var previous = command.GetBool(Previous);
        var sinceSeconds = command.GetDuration(Since) is { } since ? (int)since.TotalSeconds : (int?)null;
        string log;
        try
        {
            log = await context.Client.ReadPodLogTextAsync(name, ns, container, previous, tail, sinceSeconds, MaxBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error.IsApiError() && !error.IsForbidden() && !error.IsUnauthorized())
        {
            throw new CommandFailedException($"No {(previous ? "previous " : string.Empty)}log for container {container} of pod {name}: {error.MessageOf()}", error);
        }

        var lines = log.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        if (lines.Length > tail)
        {
            lines = lines[^tail..];
        }

        var redacted = LogRedactor.Redact(string.Join('\n', lines));
        var empty = string.IsNullOrWhiteSpace(log);
        var what = $"{(previous ? "previous " : string.Empty)}log of {name}/{container}";
        var blocks = new List<MessageBlock>();
        if (empty)
        {
            blocks.Add(new SectionBlock($"The {what} is empty."));
        }
        else
        {
            var alarming = lines.Count(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("fatal", StringComparison.OrdinalIgnoreCase)
                || line.Contains("exception", StringComparison.OrdinalIgnoreCase) || line.Contains("out of memory", StringComparison.OrdinalIgnoreCase) || line.Contains("panic", StringComparison.OrdinalIgnoreCase));
            blocks.Add(new SectionBlock($"Last {K8sReplies.Plural(empty ? 0 : lines.Length, "line")} of the {what}" + (alarming > 0 ? $"; {alarming} mention errors" : string.Empty) + "."));
            blocks.Add(new CodeBlock(redacted));
        }

        var footer = new List<RichText>();
        if (note is not null)
        {
            footer.Add(note);
        }

        if (command.GetInt(Tail) is { } asked && asked > tail)
        {
            footer.Add($"--tail capped at {tail} lines");
        }

        blocks.Add(K8sReplies.Context(context, footer));
        return new ChatReply(new ChatMessage(empty ? $"The {what} is empty." : $"{what}: {lines.Length} lines") { Header = $"Logs {name}/{container}" + (previous ? " (previous)" : string.Empty), Blocks = blocks });
    }
}
