namespace OpsBot.Kubernetes;

/// <summary>Query parameters of a list call.</summary>
public sealed record ListOptions
{
    /// <summary>e.g. <c>app=frontend,tier!=cache</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>status.phase=Running</c> or <c>involvedObject.name=frontend-x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a <c>continue</c> token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The <c>continue</c> token of the previous page.</summary>
    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }

    internal void AppendTo(QueryBuilder query)
    {
        query.Add("labelSelector", LabelSelector);
        query.Add("fieldSelector", FieldSelector);
        query.Add("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        query.Add("continue", Continue);
        query.Add("resourceVersion", ResourceVersion);
    }
}
