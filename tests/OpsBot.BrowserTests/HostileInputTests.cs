using Microsoft.Playwright;

namespace OpsBot.BrowserTests;

/// <summary>Whatever is typed into the console shows as text and never runs.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class HostileInputTests(Chromium chromium)
{
    private static readonly string[] Inputs =
    [
        "<script>alert(1)</script>",
        "/k8s pods \"><img src=x onerror=alert(2)>",
        "/k8s describe pod <svg onload=alert(3)>",
        "/drill start ../../etc/passwd",
        "/k8s logs pod/frontend -c ' onmouseover=alert(4) '",
        "/k8s pods 🔥ünïcødé‮txt.exe",
        "/k8s pods " + new string('a', 3900),
    ];

    [Fact]
    public async Task HostileCommands_ShowAsText_NoDialogNoInjectedElement()
    {
        await using var server = new ConsoleServer();
        var console = await ConsolePage.OpenAsync(chromium.Browser, server);
        var dialogs = 0;
        console.Page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            await dialog.DismissAsync();
        };

        foreach (var input in Inputs)
        {
            await console.RunAsync(input);
        }

        // Every command got its answer (the last is the long one).
        await Assertions.Expect(console.Page.Locator("#messages > li .reply")).ToHaveCountAsync(Inputs.Length);
        foreach (var input in Inputs.Take(3))
        {
            await Assertions.Expect(console.Page.Locator("#messages").GetByText(input, new LocatorGetByTextOptions { Exact = true }).First).ToBeVisibleAsync();
        }

        await console.Page.Locator("#messages").HoverAsync();
        Assert.Equal(0, await console.Page.Locator("#messages img, #messages svg, #messages script, #messages iframe").CountAsync());
        Assert.Equal(1, await console.Page.Locator("script").CountAsync());
        Assert.Equal(0, await console.Page.Locator("[onerror], [onload], [onmouseover]").CountAsync());
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task HostileUserName_IsRefusedAsText()
    {
        await using var server = new ConsoleServer();
        var console = await ConsolePage.OpenAsync(chromium.Browser, server, "<img src=x onerror=alert(5)>");
        var dialogs = 0;
        console.Page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            await dialog.DismissAsync();
        };

        await console.RunAsync("/k8s pods");

        var local = console.Page.Locator("#messages > li.local").Last;
        await Assertions.Expect(local.Locator(".reply.error")).ToContainTextAsync("\"user\" is required");
        await Assertions.Expect(local.Locator(".who")).ToHaveTextAsync("<img src=x onerror=alert(5)>");
        Assert.Equal(0, await console.Page.Locator("#messages img").CountAsync());
        Assert.Equal(0, dialogs);
    }
}
