using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>New HPA bounds or scale-up stabilization: <c>/scale-hpa NAME [--min N] [--max N] [--scale-up-window 120s]</c>.</summary>
public sealed record ScaleHpaProposal(string Hpa, int? Min, int? Max, int? ScaleUpWindowSeconds, CommandScopeSuffix Scope) : ActionProposal
{
    /// <summary>Whether the maximum goes up (the HPA-at-max remedy) rather than only tuning.</summary>
    public bool RaisesMax { get; init; }

    public override string Kind => RaisesMax ? "raise-hpa-max" : "tune-hpa";

    public override string Label
    {
        get
        {
            var parts = new List<string>();
            if (Min is { } min)
            {
                parts.Add($"min {min}");
            }

            if (Max is { } max)
            {
                parts.Add($"max {max}");
            }

            if (ScaleUpWindowSeconds is { } window)
            {
                parts.Add($"scale-up window {window}s");
            }

            return $"HPA {Hpa}: {string.Join(", ", parts)}";
        }
    }

    public override IReadOnlyList<ProposedCommand> Commands
    {
        get
        {
            var text = new StringBuilder("/scale-hpa ").Append(Hpa);
            if (Min is { } min)
            {
                text.Append(" --min ").Append(min);
            }

            if (Max is { } max)
            {
                text.Append(" --max ").Append(max);
            }

            if (ScaleUpWindowSeconds is { } window)
            {
                text.Append(" --scale-up-window ").Append(CommandScopeSuffix.Seconds(window));
            }

            return [new(Label, text.Append(Scope.Namespaced).ToString())];
        }
    }

    protected override void WriteFields(JsonObject json)
    {
        json["hpa"] = Hpa;
        json["namespace"] = Scope.Namespace;
        json["min"] = Min;
        json["max"] = Max;
        json["scaleUpWindowSeconds"] = ScaleUpWindowSeconds;
    }
}
