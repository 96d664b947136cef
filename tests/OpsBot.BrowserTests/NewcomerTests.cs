using Microsoft.Playwright;

namespace OpsBot.BrowserTests;

/// <summary>A newcomer's first minutes in the console: pick a drill, let it unfold, look at the pods, press a button.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class NewcomerTests(Chromium chromium)
{
    [Fact]
    public async Task FirstMinutes_PickADrillAdvanceItSeeTheFailingPodFirstAndPressAButton()
    {
        await using var server = new ConsoleServer();
        var console = await ConsolePage.OpenAsync(chromium.Browser, server);
        var page = console.Page;

        // The picker lists the simulator's scenarios; the running one is the healthy baseline.
        await Assertions.Expect(page.Locator("#drill-running")).ToHaveTextAsync("ecommerce-baseline");
        await page.SelectOptionAsync("#scenario", "s02b-rollout-crashloop");
        await page.ClickAsync("#drill-start");
        var started = await console.MessageForAsync("/drill start s02b-rollout-crashloop");
        await Assertions.Expect(started.Locator(".reply")).ToContainTextAsync("Drill started: S2 (variant)");
        await Assertions.Expect(page.Locator("#drill-running")).ToHaveTextAsync("s02b-rollout-crashloop");

        // The start message's own "Advance" button lets the incident unfold.
        await started.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Advance 5m" }).ClickAsync();
        var advanced = await console.MessageForAsync("/drill advance 5m");
        await Assertions.Expect(advanced.Locator(".reply")).ToContainTextAsync("Advanced the simulated clock by 5m.");

        await console.RunAsync("/k8s pods -n ecommerce-production");
        var pods = await console.MessageForAsync("/k8s pods -n ecommerce-production");
        var firstRow = pods.Locator("table.chat-table tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("CrashLoopBackOff");
        await Assertions.Expect(firstRow).ToContainTextAsync("frontend-");
        await Assertions.Expect(pods.Locator(".reply")).ToContainTextAsync("1 pod needs attention.");

        // A button of a returned message runs its command and its answer appears in the channel.
        await started.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Events" }).ClickAsync();
        var events = await console.MessageForAsync("/k8s events -n ecommerce-production");
        await Assertions.Expect(events.Locator(".reply")).ToContainTextAsync("Events in namespace ecommerce-production");
        await Assertions.Expect(events.Locator(".reply")).ToContainTextAsync("BackOff");
    }

    [Fact]
    public async Task Help_IsAnsweredOnlyToTheOneWhoAsked()
    {
        await using var server = new ConsoleServer();
        var console = await ConsolePage.OpenAsync(chromium.Browser, server);

        await console.Page.ClickAsync("button[data-command='/k8s help']");

        var local = console.Page.Locator("#messages > li.local").Last;
        await Assertions.Expect(local).ToContainTextAsync("only you can see this");
        await Assertions.Expect(local.Locator(".reply")).ToContainTextAsync("/k8s pods");
    }

    [Fact]
    public async Task LongEvidenceLines_ScrollInTheirBlock_TheChannelNeverScrollsSideways()
    {
        await using var server = new ConsoleServer();
        var console = await ConsolePage.OpenAsync(chromium.Browser, server);
        await console.RunAsync("/drill start s03-flash-sale-hpa-at-max");
        await console.MessageForAsync("/drill start s03-flash-sale-hpa-at-max");
        await console.RunAsync("/drill advance 5m");
        await console.MessageForAsync("/drill advance 5m");

        await console.RunAsync("/triage -n ecommerce-production");
        var triage = await console.MessageForAsync("/triage -n ecommerce-production");
        await Assertions.Expect(triage.Locator(".reply")).ToContainTextAsync("TooManyReplicas");

        var evidence = triage.Locator(".reply pre").First;
        Assert.True(await evidence.EvaluateAsync<bool>("pre => pre.scrollWidth > pre.clientWidth"), "the evidence has lines wider than its block");
        Assert.True(await console.Page.EvaluateAsync<bool>("() => { const m = document.querySelector('#messages'); return m.scrollWidth <= m.clientWidth; }"), "the channel scrolls sideways");
        Assert.True(await console.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the page scrolls sideways");
    }
}
