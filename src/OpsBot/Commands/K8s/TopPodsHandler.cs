using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s top pods [-n NS | -A] [-l SELECTOR]</c>: CPU and memory usage vs requests and limits, highest first.</summary>
public sealed class TopPodsHandler : ICommandHandler
{
    public const string Selector = "selector";

    /// <summary>Memory use at or above this share of the limit is called out (OOM risk).</summary>
    public const int MemoryAlertPercent = 80;

    public CommandDefinition Definition { get; } = new(["k8s", "top", "pods"], "Pod CPU and memory use vs requests and limits, highest first.", Permission.Read)
    {
        Aliases = ["pod", "po"],
        AllowsAllNamespaces = true,
        Flags = [new(Selector, ValueKind.LabelSelector, "Only pods with these labels.") { Short = 'l', ValueName = "SELECTOR" }],
        Examples = ["/k8s top pods -n ecommerce-production", "/k8s top pods -l app=frontend", "/k8s top pods -A"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.AllNamespaces ? null : context.Namespace;
        var selector = context.Command.GetString(Selector);
        IReadOnlyList<PodMetrics> metrics;
        try
        {
            metrics = await context.Client.ListPodMetricsAsync(ns, selector, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (MetricsUnavailable.IsMetricsFailure(error))
        {
            return MetricsUnavailable.Reply(context, error);
        }

        var specs = new Dictionary<(string, string), V1Pod>();
        foreach (var pod in await context.Reads.PodsAsync(ns, selector, cancellationToken).ConfigureAwait(false))
        {
            specs[(pod.Metadata?.NamespaceProperty ?? string.Empty, pod.Metadata?.Name ?? string.Empty)] = pod;
        }

        var rows = new List<(string Ns, string Name, decimal Cpu, decimal Memory, decimal? CpuRequest, decimal? CpuLimit, decimal? MemoryRequest, decimal? MemoryLimit)>();
        foreach (var sample in metrics)
        {
            var podNs = sample.Metadata?.NamespaceProperty ?? string.Empty;
            if (ns is null && !context.IsNamespaceVisible(podNs))
            {
                continue;
            }

            var name = sample.Metadata?.Name ?? "?";
            var cpu = sample.Containers?.Sum(c => Quantities.Get(c.Usage, Quantities.Cpu) ?? 0m) ?? 0m;
            var memory = sample.Containers?.Sum(c => Quantities.Get(c.Usage, Quantities.Memory) ?? 0m) ?? 0m;
            specs.TryGetValue((podNs, name), out var spec);
            rows.Add((podNs, name, cpu, memory,
                Total(spec, Quantities.Cpu, limits: false), Total(spec, Quantities.Cpu, limits: true),
                Total(spec, Quantities.Memory, limits: false), Total(spec, Quantities.Memory, limits: true)));
        }

        var where = ns is null ? "all namespaces" : $"namespace {ns}";
        if (rows.Count == 0)
        {
            var none = $"No pod metrics in {where} yet (metrics-server reports pods about a minute after they start).";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context)] });
        }

        static decimal Key(decimal usage, decimal? limit, decimal? request) => limit is > 0 ? usage / limit.Value : request is > 0 ? usage / request.Value : 0m;
        var sorted = rows
            .OrderByDescending(r => Math.Max(Key(r.Memory, r.MemoryLimit, r.MemoryRequest), Key(r.Cpu, r.CpuLimit, r.CpuRequest)))
            .ThenByDescending(r => r.Memory)
            .ToList();
        var table = sorted.Take(context.Options.MaxRows).Select(r =>
        {
            IReadOnlyList<string> row =
            [
                r.Name,
                Quantities.FormatCpu(r.Cpu), Quantities.Percent(r.Cpu, r.CpuRequest), Quantities.Percent(r.Cpu, r.CpuLimit),
                Quantities.FormatMemory(r.Memory), Quantities.Percent(r.Memory, r.MemoryRequest), Quantities.Percent(r.Memory, r.MemoryLimit),
            ];
            return ns is null ? (IReadOnlyList<string>)[r.Ns, .. row] : row;
        }).ToList();
        List<TableColumn> columns =
        [
            "POD", new("CPU", ColumnAlignment.Right), new("CPU/REQ", ColumnAlignment.Right), new("CPU/LIM", ColumnAlignment.Right),
            new("MEMORY", ColumnAlignment.Right), new("MEM/REQ", ColumnAlignment.Right), new("MEM/LIM", ColumnAlignment.Right),
        ];
        if (ns is null)
        {
            columns.Insert(0, "NAMESPACE");
        }

        var hot = sorted.Where(r => Quantities.PercentValue(r.Memory, r.MemoryLimit) >= MemoryAlertPercent).ToList();
        var summary = $"{K8sReplies.Plural(rows.Count, "pod")} in {where}: {Quantities.FormatCpu(rows.Sum(r => r.Cpu))} CPU, {Quantities.FormatMemory(rows.Sum(r => r.Memory))} memory";
        var blocks = new List<MessageBlock> { new SectionBlock(summary) };
        if (hot.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold($"Near the memory limit (≥ {MemoryAlertPercent}%)") + "\n"
                + string.Join('\n', hot.Take(10).Select(r => $"• {r.Name}: {Quantities.FormatMemory(r.Memory)} of {Quantities.FormatMemory(r.MemoryLimit!.Value)} ({Quantities.Percent(r.Memory, r.MemoryLimit)})"))));
        }

        blocks.Add(new TableBlock(columns, table));
        if (sorted.Count > table.Count)
        {
            blocks.Add(new ContextBlock([$"…and {sorted.Count - table.Count:N0} more pods"]));
        }

        blocks.Add(K8sReplies.Context(context, "usage from metrics.k8s.io; % of the pod's summed requests and limits"));
        return new ChatReply(new ChatMessage(summary) { Header = $"Top pods in {where}", Blocks = blocks });
    }

    private static decimal? Total(V1Pod? pod, string resource, bool limits)
    {
        var containers = pod?.Spec?.Containers;
        if (containers is null || containers.Count == 0)
        {
            return null;
        }

        // A limit is only meaningful when every container has one.
        var values = containers.Select(c => Quantities.Get(limits ? c.Resources?.Limits : c.Resources?.Requests, resource)).ToList();
        return limits && values.Any(v => v is null) ? null : values.Sum(v => v ?? 0m) is var sum && sum > 0 ? sum : null;
    }
}
