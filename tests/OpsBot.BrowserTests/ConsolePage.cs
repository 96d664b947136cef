using Microsoft.Playwright;

namespace OpsBot.BrowserTests;

/// <summary>The console page as a person uses it: who they are, which channel, type a command, read the messages.</summary>
public sealed class ConsolePage(IPage page)
{
    public IPage Page => page;

    /// <summary>Every message of the channel as shown (feed and local).</summary>
    public ILocator Messages => page.Locator("#messages > li");

    public static async Task<ConsolePage> OpenAsync(IBrowser browser, ConsoleServer server, string user = "alice")
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/");
        await page.FillAsync("#user", user);
        return new ConsolePage(page);
    }

    public async Task RunAsync(string command)
    {
        await page.FillAsync("#text", command);
        await page.PressAsync("#text", "Enter");
    }

    /// <summary>The feed message that ran <paramref name="command"/> (waits for it).</summary>
    public async Task<ILocator> MessageForAsync(string command)
    {
        var message = page.Locator("#messages > li[data-message-id]").Filter(new LocatorFilterOptions { Has = page.Locator("code.command", new PageLocatorOptions { HasText = command }) }).Last;
        await message.WaitForAsync();
        return message;
    }

    /// <summary>The feed message whose reply contains <paramref name="text"/> (waits for it).</summary>
    public async Task<ILocator> MessageWithAsync(string text)
    {
        var message = page.Locator("#messages > li[data-message-id]").Filter(new LocatorFilterOptions { HasText = text }).Last;
        await message.WaitForAsync();
        return message;
    }
}
