using System.Globalization;

namespace OpsBot.Kubernetes;

/// <summary>Parameters of the pod <c>log</c> subresource.</summary>
public sealed record PodLogOptions
{
    /// <summary>Required when the pod has more than one container.</summary>
    public string? Container { get; init; }

    /// <summary>The previous (terminated) run of the container: where a crash's last words are.</summary>
    public bool Previous { get; init; }

    public int? TailLines { get; init; }

    public int? SinceSeconds { get; init; }

    public int? LimitBytes { get; init; }

    public bool Timestamps { get; init; }

    internal string ToQuery() => new QueryBuilder()
        .Add("container", Container)
        .Add("previous", Previous ? "true" : null)
        .Add("tailLines", TailLines?.ToString(CultureInfo.InvariantCulture))
        .Add("sinceSeconds", SinceSeconds?.ToString(CultureInfo.InvariantCulture))
        .Add("limitBytes", LimitBytes?.ToString(CultureInfo.InvariantCulture))
        .Add("timestamps", Timestamps ? "true" : null)
        .ToString();
}
