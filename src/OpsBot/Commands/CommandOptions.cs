using System.ComponentModel.DataAnnotations;

namespace OpsBot.Commands;

/// <summary>Command pipeline settings, bound from the <c>Commands</c> section (all optional).</summary>
public sealed class CommandOptions
{
    public const string SectionName = "Commands";

    /// <summary>How long a command may wait for the cluster before the user is told it did not answer.</summary>
    /// <value>The default is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most table rows a reply shows; the rest are counted ("…and N more").</summary>
    /// <value>The default is 50.</value>
    [Range(5, 1000)]
    public int MaxRows { get; set; } = 50;

    /// <summary>The longest command text accepted.</summary>
    /// <value>The default is 4,000 characters: a stakeholder update (<c>/incident update "…"</c>) may have 3,000.</value>
    [Range(50, 10_000)]
    public int MaxInputLength { get; set; } = 4_000;

    /// <summary>The most log lines <c>/k8s logs</c> shows (<c>--tail</c> cannot exceed it).</summary>
    /// <value>The default is 500.</value>
    [Range(10, 10_000)]
    public int MaxLogLines { get; set; } = 500;
}
