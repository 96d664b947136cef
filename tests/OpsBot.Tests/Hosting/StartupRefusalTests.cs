using OpsBot.Operations;

namespace OpsBot.Tests.Hosting;

/// <summary>
/// A bad setting stops the real process with one line on standard error that says what to set, and exit code 1
/// (before: an unhandled OptionsValidationException, a 23-line stack trace and exit code 134).
/// </summary>
public sealed class StartupRefusalTests
{
    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        // (environment variable, value, what the line must say, a value that must not be echoed)
        { "Channels__Default__Cluster", "nope", "Channels:Default:Cluster \"nope\" is not a configured cluster", "at Microsoft" },
        { "Kubernetes__InCluster", "s3cret-not-a-bool", "the setting Kubernetes:InCluster must be true or false", "s3cret-not-a-bool" },
        { "Slack__BotToken", "not-a-bot-token-s3cret", "Slack:BotToken", "not-a-bot-token-s3cret" },
        { "Teams__AppId", "9f5e2c1a-0b7d-4c3e-8a21-6d4f3b2a1c00", "Teams:AppPassword", "at Microsoft" },
        { "Console__Urls", "http://0.0.0.0:5999", "Console:Token is required", "at Microsoft" },
        { "Console__PublicUrl", "ftp://ops:s3cret-pw@opsbot.example.com/", "Console:PublicUrl must be the absolute http(s) address", "s3cret-pw" },
        { "Storage__Provider", "Oracle", "Storage", "at Microsoft" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_BadSetting_PrintsOneLineAndExits1(string variable, string value, string says, string neverShown)
    {
        await using var bot = OpsBotRun.Start(new Dictionary<string, string>
        {
            [variable] = value,
            ["Console__Urls"] = variable == "Console__Urls" ? value : $"http://127.0.0.1:{OpsBotRun.FreePort()}",
        });

        var exitCode = await bot.ExitCodeAsync(TimeSpan.FromSeconds(90));

        var errors = bot.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(errors);
        Assert.Equal(1, exitCode);
        Assert.StartsWith(StartupRefusals.Prefix, line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.DoesNotContain(neverShown, bot.StandardError + bot.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", bot.StandardError + bot.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bot.StandardOutput, StringComparison.Ordinal);
    }
}
