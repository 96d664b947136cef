using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>Something to do that OpsBot cannot do for you (renew a certificate, size a pool): text only.</summary>
/// <param name="AdviceKind">What kind of advice (<c>renew-certificate</c>, <c>size-connection-pool</c>, <c>tune-runtime-heap</c>, …).</param>
/// <param name="Text">The advice.</param>
public sealed record AdviceProposal(string AdviceKind, string Text) : ActionProposal
{
    public override string Kind => AdviceKind;

    public override string Label => Text;

    public override IReadOnlyList<ProposedCommand> Commands => [];

    protected override void WriteFields(JsonObject json) => json["advice"] = Text;
}
