using OpsBot.Workflows.Incidents;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>What people type: ids, severities, roles, status words, and the text rules.</summary>
public sealed class IncidentWordsTests
{
    [Theory]
    [InlineData("INC-2026-0042", 2026, 42)]
    [InlineData("inc-2026-0042", 2026, 42)]
    [InlineData(" INC-2027-10000 ", 2027, 10000)]
    public void IncidentId_Parses(string text, int year, int number)
    {
        Assert.True(IncidentId.TryParse(text, out var id));
        Assert.Equal(new IncidentId(year, number), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INC-2026-42")]
    [InlineData("INC-26-0042")]
    [InlineData("INC-2026-0000")]
    [InlineData("INC-2026-00a2")]
    [InlineData("INC_2026_0042")]
    [InlineData("INC-2026-0042/../x")]
    public void IncidentId_RefusesAnythingElse(string? text)
    {
        Assert.False(IncidentId.TryParse(text, out _));
    }

    [Fact]
    public void IncidentId_FormatsPaddedAndLowerCaseForTheConsoleChannel()
    {
        var id = new IncidentId(2026, 42);

        Assert.Equal(("INC-2026-0042", "inc-2026-0042"), (id.ToString(), id.LowerCase));
        Assert.Equal("INC-2026-12345", new IncidentId(2026, 12345).ToString());
        Assert.Equal(id, IncidentId.Parse(id.LowerCase));
        Assert.Throws<FormatException>(() => IncidentId.Parse("checkout"));
    }

    [Theory]
    [InlineData("sev1", IncidentSeverity.Sev1)]
    [InlineData("SEV2", IncidentSeverity.Sev2)]
    [InlineData("Sev-3", IncidentSeverity.Sev3)]
    [InlineData(" 4 ", IncidentSeverity.Sev4)]
    public void Severity_ParsesTheWaysPeopleWriteIt(string text, IncidentSeverity expected)
    {
        Assert.True(IncidentSeverities.TryParse(text, out var severity, out var problem));
        Assert.Equal(expected, severity);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("sev0")]
    [InlineData("sev5")]
    [InlineData("p1")]
    [InlineData("SEV 1")]
    [InlineData("critical")]
    public void Severity_RefusesGuessesWithTheAllowedValues(string text)
    {
        Assert.False(IncidentSeverities.TryParse(text, out _, out var problem));
        Assert.Equal($"\"{text}\" is not a severity; use sev1, sev2, sev3 or sev4 (sev1 is the most severe).", problem);
    }

    [Fact]
    public void Severity_ReadsAndCompares()
    {
        Assert.Equal(("SEV1", "sev1"), (IncidentSeverity.Sev1.Label(), IncidentSeverity.Sev1.Key()));
        Assert.True(IncidentSeverity.Sev1.IsWorseThan(IncidentSeverity.Sev2));
        Assert.Equal([true, true, false, false], IncidentSeverities.All.Select(severity => severity.IsMajor()));
    }

    [Theory]
    [InlineData("commander", IncidentRole.Commander)]
    [InlineData("IC", IncidentRole.Commander)]
    [InlineData("comms", IncidentRole.CommunicationsLead)]
    [InlineData("communications-lead", IncidentRole.CommunicationsLead)]
    [InlineData("Scribe", IncidentRole.Scribe)]
    public void Role_Parses(string text, IncidentRole expected)
    {
        Assert.True(IncidentRoles.TryParse(text, out var role, out _));
        Assert.Equal(expected, role);
    }

    [Fact]
    public void Role_Unknown_IsRefusedWithTheAllowedValues()
    {
        Assert.False(IncidentRoles.TryParse("boss", out _, out var problem));
        Assert.Equal("\"boss\" is not a role; use commander, comms or scribe.", problem);
    }

    [Theory]
    [InlineData("identified", IncidentTrigger.Identify)]
    [InlineData("Mitigate", IncidentTrigger.Mitigate)]
    [InlineData("resolved", IncidentTrigger.Resolve)]
    [InlineData("reopen", IncidentTrigger.Reopen)]
    [InlineData("false-alarm", IncidentTrigger.Cancel)]
    public void StatusWord_Parses(string text, IncidentTrigger expected)
    {
        Assert.True(IncidentStates.TryParseTarget(text, out var trigger, out _));
        Assert.Equal(expected, trigger);
    }

    [Fact]
    public void StatusWord_Unknown_ListsTheStatuses()
    {
        Assert.False(IncidentStates.TryParseTarget("fixed", out _, out var problem));
        Assert.Equal("\"fixed\" is not a status; use investigating, identified, mitigating, monitoring, resolved, reopen, closed or cancelled.", problem);
    }

    [Fact]
    public void Text_Body_KeepsLinesAndTrims()
    {
        Assert.True(IncidentText.TryBody("  line one\r\n\tline two  \n", "The note", 100, out var body, out _));
        Assert.Equal("line one\n\tline two", body);
        Assert.False(IncidentText.TryBody(" \n ", "The note", 10, out _, out var empty));
        Assert.Equal("The note is empty.", empty);
    }

    [Fact]
    public void Text_Reason_IsOptionalAndOneLine()
    {
        Assert.True(IncidentText.TryReason("  ", out var none, out _));
        Assert.True(IncidentText.TryReason(" bad\ndeploy ", out var reason, out _));

        Assert.Null(none);
        Assert.Equal("bad deploy", reason);
    }

    [Fact]
    public void Text_Clip_CutsAtWhatPeopleSee()
    {
        Assert.Equal("ab…", IncidentText.Clip("abcdef", 3));
        Assert.Equal("🔥🔥…", IncidentText.Clip("🔥🔥🔥🔥", 3));
        Assert.Equal("abc", IncidentText.Clip("abc", 3));
    }

    [Fact]
    public void Channel_KeyNamesAThreadApart()
    {
        Assert.Equal("slack:C0INC", new IncidentChannel("slack", "C0INC").Key);
        Assert.Equal("slack:C0ALERTS/1700000000.000100", IncidentChannel.KeyOf("slack", "C0ALERTS", "1700000000.000100"));
    }
}
