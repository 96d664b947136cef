using System.Text.Json.Nodes;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s pods [NAME] [-n NS | -A] [-l SELECTOR] [--problems]</c>: pods with kubectl's status, failing ones first.</summary>
public sealed class PodsHandler : ICommandHandler
{
    public const string Selector = "selector";
    public const string Problems = "problems";
    public const string NameFilter = "NAME";

    /// <summary>The most rows the structured report carries.</summary>
    public const int MaxReportRows = 1_000;

    public CommandDefinition Definition { get; } = new(["k8s", "pods"], "List pods with status, restarts and age; failing pods first.", Permission.Read)
    {
        Aliases = ["pod", "po"],
        AllowsAllNamespaces = true,
        Flags =
        [
            new(Selector, ValueKind.LabelSelector, "Only pods with these labels.") { Short = 'l', ValueName = "SELECTOR" },
            new(Problems, ValueKind.Boolean, "Only pods that need attention."),
        ],
        Arguments = [new(NameFilter, ValueKind.ObjectName, "Only pods whose name contains this.") { ObjectKind = "pod" }],
        Examples = ["/k8s pods -n shop", "/k8s pods frontend -n ecommerce-production", "/k8s pods -l app=frontend", "/k8s pods -A --problems"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command;
        var ns = context.AllNamespaces ? null : context.Namespace;
        var filter = command.GetString(NameFilter);
        var onlyProblems = command.GetBool(Problems);
        var pods = new List<PodSummary>();
        var hidden = 0;
        foreach (var summary in await context.Reads.PodSummariesAsync(ns, command.GetString(Selector), context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            if (ns is null && !context.IsNamespaceVisible(summary.Namespace))
            {
                hidden++;
                continue;
            }

            if (filter is not null && !summary.Name.Contains(filter, StringComparison.Ordinal))
            {
                continue;
            }

            if (!onlyProblems || summary.IsProblem)
            {
                pods.Add(summary);
            }
        }

        var now = context.Time.GetUtcNow();
        var where = ns is null ? "all namespaces" : $"namespace {ns}";
        var footer = new List<RichText>();
        if (command.GetString(Selector) is { } selector)
        {
            footer.Add(RichText.Plain("selector ") + RichText.Code(selector));
        }

        if (hidden > 0)
        {
            footer.Add($"{hidden:N0} pods in namespaces you can't see here were left out");
        }

        if (pods.Count == 0)
        {
            var none = $"No {(onlyProblems ? "failing " : string.Empty)}pods{(filter is null ? string.Empty : $" matching \"{filter}\"")} in {where}.";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context, footer)] })
            {
                Report = new JsonObject { ["total"] = 0, ["rows"] = new JsonArray() },
            };
        }

        pods.Sort((a, b) =>
        {
            var order = a.Severity.CompareTo(b.Severity);
            order = order != 0 ? order : b.Restarts.CompareTo(a.Restarts);
            order = order != 0 ? order : string.CompareOrdinal(a.Namespace, b.Namespace);
            return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
        });

        var summaryLine = Summary(pods);
        var withNamespace = ns is null;
        var shown = Math.Min(pods.Count, context.Options.MaxRows);
        var rows = new List<IReadOnlyList<string>>(shown);
        for (var i = 0; i < shown; i++)
        {
            rows.Add(Row(pods[i], now, withNamespace));
        }

        var columns = new List<TableColumn> { "NAME", "READY", "STATUS", new("RESTARTS", ColumnAlignment.Right), new("AGE", ColumnAlignment.Right), "NODE" };
        if (withNamespace)
        {
            columns.Insert(0, "NAMESPACE");
        }

        var problems = pods.Count(pod => pod.IsProblem);
        var headline = problems == 0
            ? RichText.Plain(summaryLine)
            : RichText.Plain(summaryLine + ". ") + RichText.Bold($"{K8sReplies.Plural(problems, "pod")} need{(problems == 1 ? "s" : string.Empty)} attention.");
        var blocks = new List<MessageBlock> { new SectionBlock(headline), new TableBlock(columns, rows) };
        if (pods.Count > shown)
        {
            blocks.Add(new ContextBlock([$"…and {pods.Count - shown:N0} more pods"]));
        }

        blocks.Add(K8sReplies.Context(context, footer));
        var message = new ChatMessage(summaryLine) { Header = $"Pods in {where}", Blocks = blocks };
        return new ChatReply(message) { Report = Report(pods, summaryLine, now, ns) };
    }

    /// <summary><c>38 pods: 35 running, 2 CrashLoopBackOff, 1 Pending</c>.</summary>
    public static string Summary(IReadOnlyCollection<PodSummary> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var groups = pods
            .GroupBy(pod => pod.Status == "Running" && pod.ReadyContainers == pod.TotalContainers ? "running" : pod.Status == "Running" ? "running, not ready" : pod.Status)
            .Select(group => (Status: group.Key, Count: group.Count()))
            .OrderByDescending(group => group.Status == "running")
            .ThenByDescending(group => group.Count)
            .ThenBy(group => group.Status, StringComparer.Ordinal);
        return $"{K8sReplies.Plural(pods.Count, "pod")}: {string.Join(", ", groups.Select(group => $"{group.Count:N0} {group.Status}"))}";
    }

    private static IReadOnlyList<string> Row(PodSummary pod, DateTimeOffset now, bool withNamespace)
    {
        IReadOnlyList<string> row = [pod.Name, pod.Ready, pod.Status, pod.RestartsText(now), Ages.Since(pod.Created, now), pod.Node ?? "<none>"];
        return withNamespace ? [pod.Namespace, .. row] : row;
    }

    private static JsonObject Report(List<PodSummary> pods, string summary, DateTimeOffset now, string? ns)
    {
        var rows = new JsonArray();
        foreach (var pod in pods.Take(MaxReportRows))
        {
            rows.Add(new JsonObject
            {
                ["namespace"] = pod.Namespace,
                ["name"] = pod.Name,
                ["ready"] = pod.Ready,
                ["status"] = pod.Status,
                ["restarts"] = pod.Restarts,
                ["lastRestart"] = pod.LastRestart?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["age"] = Ages.Since(pod.Created, now),
                ["node"] = pod.Node,
                ["problem"] = pod.IsProblem,
            });
        }

        return new JsonObject
        {
            ["kind"] = "pods",
            ["namespace"] = ns,
            ["summary"] = summary,
            ["total"] = pods.Count,
            ["truncated"] = pods.Count > MaxReportRows,
            ["rows"] = rows,
        };
    }
}
