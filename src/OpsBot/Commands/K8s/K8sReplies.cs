using System.Globalization;
using OpsBot.Chat.Messages;

namespace OpsBot.Commands.K8s;

/// <summary>Pieces every <c>/k8s</c> reply shares: the context line and tables cut to the row limit.</summary>
public static class K8sReplies
{
    /// <summary>The small print: cluster, namespace (or "all namespaces"), the time of the answer, and where it came from ("from cache, live").</summary>
    public static ContextBlock Context(CommandContext context, params IEnumerable<RichText> extra)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = context.Command.Definition.Scope == CommandScope.Cluster
            ? RichText.Plain("cluster-wide")
            : context.AllNamespaces ? RichText.Plain("all namespaces") : RichText.Plain("namespace ") + RichText.Code(context.Namespace);
        var source = context.Reads.Describe();
        return new ContextBlock([
            RichText.Plain("cluster ") + RichText.Code(context.ClusterName),
            scope,
            .. extra,
            RichText.Plain(context.Time.GetUtcNow().ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            .. source is null ? Array.Empty<RichText>() : [RichText.Plain(source)],
        ]);
    }

    /// <summary>A table of at most <paramref name="maxRows"/> rows, followed by "…and N more <paramref name="noun"/>" when cut.</summary>
    public static IEnumerable<MessageBlock> Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, int maxRows, string noun, string? caption = null)
    {
        yield return new TableBlock(columns, rows.Count > maxRows ? [.. rows.Take(maxRows)] : rows) { Caption = caption };
        if (rows.Count > maxRows)
        {
            yield return new ContextBlock([$"…and {rows.Count - maxRows:N0} more {noun}"]);
        }
    }

    public static string Plural(int count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>app=web, tier=front</c>.</summary>
    public static string Labels(IDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0 ? "-" : string.Join(", ", labels.Select(pair => $"{pair.Key}={pair.Value}"));

    /// <summary><c>cpu 250m, memory 256Mi</c>.</summary>
    public static string Resources(IDictionary<string, k8s.Models.ResourceQuantity>? map) =>
        map is null || map.Count == 0 ? "-" : string.Join(", ", map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
}
