using System.Globalization;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s describe pod NAME</c>: status, problems, containers (image, resources, state, last state), conditions, events.</summary>
public sealed class DescribePodHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "describe", "pod"], "Show a pod: status, containers, last termination, conditions, events.", Permission.Read)
    {
        Aliases = ["pods", "po"],
        Arguments = [new("NAME", ValueKind.ObjectName, "The pod.") { Required = true, ObjectKind = "pod" }],
        Examples = ["/k8s describe pod frontend-7d9f-b -n ecommerce-production", "/k8s describe pod/frontend-7d9f-b"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString("NAME")!;
        var ns = context.Namespace;
        var pod = await KubernetesReads.ReadAsync(token => context.Client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: token), "pod", name, ns, cancellationToken).ConfigureAwait(false);
        var events = await ObjectEvents.ListAsync(context.Reads, ns, "Pod", name, pod.Metadata?.Uid, cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var summary = PodSummary.Of(pod);
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(reference => reference.Controller == true);

        var problems = Problems(pod, now).ToList();
        var blocks = new List<MessageBlock>
        {
            new FieldsBlock(
            [
                new("Status", RichText.Bold(summary.Status)),
                new("Ready", summary.Ready),
                new("Restarts", summary.RestartsText(now)),
                new("Node", summary.Node ?? "<none>"),
                new("Age", Ages.Since(summary.Created, now)),
                new("IP", pod.Status?.PodIP ?? "<none>"),
                new("QoS", pod.Status?.QosClass ?? "-"),
                new("Controlled by", owner is null ? "-" : $"{owner.Kind}/{owner.Name}"),
            ]),
        };
        if (problems.Count > 0)
        {
            blocks.Insert(0, new SectionBlock(RichText.Bold("Problems") + "\n" + string.Join('\n', problems.Select(problem => "• " + problem))));
        }

        var containers = (pod.Spec?.Containers ?? []).Select(container =>
        {
            var status = pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container.Name);
            return (IReadOnlyList<string>)
            [
                container.Name ?? "?",
                container.Image ?? "?",
                State(status?.State, now),
                State(status?.LastState, now),
                status?.Ready == true ? "yes" : "no",
                K8sReplies.N(status?.RestartCount ?? 0),
                K8sReplies.Resources(container.Resources?.Requests),
                K8sReplies.Resources(container.Resources?.Limits),
            ];
        }).ToList();
        blocks.Add(new TableBlock(["CONTAINER", "IMAGE", "STATE", "LAST STATE", "READY", new("RESTARTS", ColumnAlignment.Right), "REQUESTS", "LIMITS"], containers) { Caption = "Containers" });

        var conditions = (pod.Status?.Conditions ?? []).Select(condition => (IReadOnlyList<string>)[condition.Type ?? "?", condition.Status ?? "?", condition.Reason ?? string.Empty, condition.Message ?? string.Empty]).ToList();
        if (conditions.Count > 0)
        {
            blocks.Add(new TableBlock(["CONDITION", "STATUS", "REASON", "MESSAGE"], conditions) { Caption = "Conditions" });
        }

        blocks.AddRange(ObjectEvents.Blocks(events, now));
        blocks.Add(K8sReplies.Context(context));
        var text = $"pod {name}: {summary.Status}, ready {summary.Ready}, restarts {summary.Restarts}" + (problems.Count > 0 ? " — " + problems[0] : string.Empty);
        return new ChatReply(new ChatMessage(text) { Header = $"Pod {name}", Blocks = blocks });
    }

    /// <summary>Container state as a phrase: <c>Waiting: CrashLoopBackOff</c>, <c>Running for 5m</c>, <c>Terminated: OOMKilled (exit 137) 2m ago</c>.</summary>
    public static string State(V1ContainerState? state, DateTimeOffset now)
    {
        if (state?.Waiting is { } waiting)
        {
            return "Waiting: " + (waiting.Reason ?? "?");
        }

        if (state?.Running is { } running)
        {
            return "Running for " + Ages.Since(running.StartedAt, now);
        }

        if (state?.Terminated is { } terminated)
        {
            return $"Terminated: {terminated.Reason ?? "?"} (exit {terminated.ExitCode.ToString(CultureInfo.InvariantCulture)})"
                + (terminated.FinishedAt is { } finished ? $" {Ages.Format(now - finished)} ago" : string.Empty);
        }

        return "-";
    }

    private static IEnumerable<string> Problems(V1Pod pod, DateTimeOffset now)
    {
        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            if (status.State?.Waiting is { Reason: { } reason } waiting && reason is not "ContainerCreating" and not "PodInitializing")
            {
                yield return $"container {status.Name}: {reason}" + (string.IsNullOrEmpty(waiting.Message) ? string.Empty : $" — {waiting.Message}");
            }

            if (status.LastState?.Terminated is { } last && last.ExitCode != 0)
            {
                yield return $"container {status.Name}: last run ended {last.Reason ?? "with an error"} (exit {last.ExitCode}){(last.FinishedAt is { } at ? $" {Ages.Format(now - at)} ago" : string.Empty)}, {status.RestartCount} restarts"
                    + (last.Reason == "OOMKilled" ? " — it hit its memory limit" : string.Empty);
            }
            else if (status.State?.Terminated is { Reason: "OOMKilled" } oom)
            {
                yield return $"container {status.Name}: OOMKilled (exit {oom.ExitCode}) — it hit its memory limit";
            }
        }

        foreach (var condition in pod.Status?.Conditions ?? [])
        {
            if (condition.Type == "PodScheduled" && condition.Status == "False")
            {
                yield return $"not scheduled: {condition.Reason} — {condition.Message}";
            }
        }

        if (pod.Status?.Reason == "Evicted")
        {
            yield return "evicted: " + pod.Status.Message;
        }
    }
}
