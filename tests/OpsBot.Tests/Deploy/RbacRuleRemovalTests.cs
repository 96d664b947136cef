using System.Net;
using OpsBot.Tests.EndToEnd;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// Least privilege, proven: every verb on every resource the bound roles grant is needed. For each, the grant is taken
/// out of its ClusterRole in the running simulator (the rest of the rule stays), OpsBot does the one thing that needs it,
/// and the API server's refusal of exactly that verb and resource reaches the user (or <c>/readyz</c>); then the role is
/// put back. A rule added to the manifests without a probe here fails <see cref="Probes_CoverEveryGrantOfTheBoundRoles"/>.
/// </summary>
[Collection(InClusterCollection.Name)]
public sealed class RbacRuleRemovalTests(InClusterOpsBot opsbot)
{
    public static TheoryData<int> Probes => [.. Enumerable.Range(0, RbacProbes.ByGrant.Count)];

    [Fact]
    public void Probes_CoverEveryGrantOfTheBoundRoles()
    {
        var granted = opsbot.BoundRoles.SelectMany(RbacGrant.Of).Select(grant => grant.ToString()).Order(StringComparer.Ordinal);
        var probed = RbacProbes.ByGrant.Select(probe => probe.Grant.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(granted, probed);
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task RemovingOneGrant_WhatNeedsIt_GetsTheApiServersRefusalOfExactlyThatGrant(int index)
    {
        var probe = RbacProbes.ByGrant[index];
        await using var drill = await EndToEndConsole.StartDrillAsync(opsbot.Host, probe.Scenario, channel: $"rbac-{index}");
        var pod = await RbacProbes.PrepareAsync(opsbot.Simulator, drill);
        var role = RbacRoles.Holding(opsbot.Simulator, probe.Grant);
        var rules = RbacRoles.Remove(opsbot.Simulator, role, probe.Grant);
        try
        {
            var answer = await AnswerAsync(drill, probe.Command.Replace("{pod}", pod, StringComparison.Ordinal), probe.Approve);

            Assert.True(answer.Contains(probe.Refusal, StringComparison.Ordinal), $"without {probe.Grant} ({role}), {probe.Command} answered:\n{answer}");
        }
        finally
        {
            RbacRoles.Restore(opsbot.Simulator, role, rules);
        }
    }

    // The reply's text; for an approved action, how its workflow ended (and why).
    private async Task<string> AnswerAsync(EndToEndConsole drill, string command, bool approve)
    {
        if (command == "GET /readyz")
        {
            using var http = opsbot.Host.CreateClient();
            using var response = await http.GetAsync("/readyz");
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable
                ? (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["checks"]!["cluster"] ?? body
                : $"{(int)response.StatusCode}: {body}";
        }

        var reply = await drill.Alice.RunAsync(command);
        if (!approve || ((string?)reply["message"]?["header"])?.StartsWith("Approval needed: ", StringComparison.Ordinal) != true)
        {
            return ConsoleClient.Text(reply);
        }

        var card = EndToEndConsole.CardOf(reply);
        await drill.ApproveAsync(card);
        var shown = await drill.WaitForEndAsync(card, ["Failed", "Reverted", "Succeeded"], step: "15s");
        return ConsoleClient.Text(shown);
    }
}
