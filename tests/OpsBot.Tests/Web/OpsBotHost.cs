using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsBot.Testing;

namespace OpsBot.Tests.Web;

/// <summary>
/// The real OpsBot host (Program) in-process, on its embedded simulator with a frozen clock and a
/// private data folder; extra settings override appsettings.json like environment variables do.
/// </summary>
internal sealed class OpsBotHost : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings;

    public OpsBotHost(params (string Key, string Value)[] settings)
    {
        _settings = settings.ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        builder.UseSetting("Simulator:Speed", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
