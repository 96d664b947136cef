using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Workflows.Tests.Incidents;

public sealed class IncidentOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndMatchTheDesign()
    {
        var options = new IncidentOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(UpdateApprovalMode.OtherResponder, options.ApprovalMode);
        Assert.Equal(
            [TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(4), (TimeSpan?)null],
            IncidentSeverities.All.Select(options.CadenceFor));
        Assert.Empty(options.StakeholderChannelsFor(IncidentSeverity.Sev1));
    }

    [Theory]
    [InlineData("other-responder", UpdateApprovalMode.OtherResponder)]
    [InlineData("Commander", UpdateApprovalMode.Commander)]
    [InlineData("none", UpdateApprovalMode.None)]
    public void UpdateApproval_TheThreeWords(string word, UpdateApprovalMode mode)
    {
        var options = new IncidentOptions { UpdateApproval = word };

        Assert.Empty(options.Validate());
        Assert.Equal(mode, options.ApprovalMode);
    }

    [Fact]
    public void Validate_EveryBadKey_IsNamedWithWhatToUse()
    {
        var options = new IncidentOptions
        {
            UpdateApproval = "anyone",
            StakeholderChannels = ["slack:#status", "console:Status", "pagerduty:P123", "teams:19:ok@thread.tacv2", "slack:C0STATUS"],
            EscalationChannels = ["leaders"],
            Severities = new(StringComparer.OrdinalIgnoreCase)
            {
                ["sev1"] = new IncidentSeverityOptions { StakeholderChannels = ["slack:c0lower"] },
                ["p1"] = new IncidentSeverityOptions(),
            },
        };
        options.UpdateCadence["sev2"] = "an hour";
        options.UpdateCadence["sev3"] = "00:01:00";
        options.UpdateCadence["sev5"] = "00:30:00";

        Assert.Equal(
            [
                "Incidents:UpdateApproval is \"anyone\"; use \"other-responder\", \"commander\" or \"none\".",
                "Incidents:UpdateCadence:sev2 is \"an hour\"; use a duration between 00:05:00 and 1.00:00:00 (e.g. \"00:30:00\") or \"none\".",
                "Incidents:UpdateCadence:sev3 is \"00:01:00\"; use a duration between 00:05:00 and 1.00:00:00 (e.g. \"00:30:00\") or \"none\".",
                "Incidents:UpdateCadence:sev5 is not a severity; use sev1, sev2, sev3 or sev4.",
                "Incidents:StakeholderChannels:0: \"slack:#status\" is not a Slack channel id; use the id (\"slack:C0123ABC\", from the channel's details), not its name.",
                "Incidents:StakeholderChannels:1: \"console:Status\" is not a console channel; use lower case letters, digits, '-' and '_' (\"console:status\").",
                "Incidents:StakeholderChannels:2: \"pagerduty:P123\" names the platform \"pagerduty\"; use slack, teams or console.",
                "Incidents:EscalationChannels:0: \"leaders\" is not a channel; use \"slack:C0123ABC\", \"teams:19:…@thread.tacv2\" or \"console:status\".",
                "Incidents:Severities:sev1:StakeholderChannels:0: \"slack:c0lower\" is not a Slack channel id; use the id (\"slack:C0123ABC\", from the channel's details), not its name.",
                "Incidents:Severities:p1 is not a severity; use sev1, sev2, sev3 or sev4.",
            ],
            options.Validate());
    }

    [Fact]
    public void StakeholderChannelsFor_ASeverityWithItsOwnList_UsesIt_OthersTheDefault()
    {
        var options = new IncidentOptions
        {
            StakeholderChannels = ["slack:C0STATUS", "slack:C0STATUS", "console:status"],
            Severities = new(StringComparer.OrdinalIgnoreCase) { ["SEV1"] = new IncidentSeverityOptions { StakeholderChannels = ["slack:C0EXEC"] } },
        };

        Assert.Equal(["slack:C0EXEC"], options.StakeholderChannelsFor(IncidentSeverity.Sev1));
        Assert.Equal(["slack:C0STATUS", "console:status"], options.StakeholderChannelsFor(IncidentSeverity.Sev2));
    }
}
