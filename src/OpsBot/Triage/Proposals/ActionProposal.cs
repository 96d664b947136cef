using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>
/// A suggested action, typed: what it changes and the exact command(s) that request it. Each command becomes a
/// button (<see cref="Commands.RunCommandButton"/>) that starts the approval workflow as the person who presses it.
/// An advice has no command.
/// </summary>
public abstract record ActionProposal
{
    /// <summary><c>rollback</c>, <c>raise-memory-limit</c>, <c>raise-hpa-max</c>, <c>tune-hpa</c>, <c>restart</c>, <c>patch-probe</c>, <c>set-image</c>, <c>cordon-drain</c> or an advice's kind.</summary>
    public abstract string Kind { get; }

    /// <summary>What it does, for a button or a bullet (<c>Roll back frontend to revision 2</c>).</summary>
    public abstract string Label { get; }

    /// <summary>The commands to run, in order; empty for advice.</summary>
    public abstract IReadOnlyList<ProposedCommand> Commands { get; }

    /// <summary>Why these numbers.</summary>
    public string? Rationale { get; init; }

    /// <summary>The typed fields for the JSON report.</summary>
    protected abstract void WriteFields(JsonObject json);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = GetType().Name,
            ["kind"] = Kind,
            ["label"] = Label,
        };
        WriteFields(json);
        json["commands"] = new JsonArray([.. Commands.Select(command => (JsonNode)new JsonObject { ["label"] = command.Label, ["text"] = command.Text })]);
        if (Rationale is not null)
        {
            json["rationale"] = Rationale;
        }

        return json;
    }
}
