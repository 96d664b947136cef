using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Testing;

namespace OpsBot.Tests.Console;

/// <summary>
/// The real OpsBot host (Program) in-process, on its embedded simulator with a frozen clock and a
/// private data folder; extra settings override appsettings.json like environment variables do.
/// </summary>
internal sealed class OpsBotHost : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public OpsBotHost(params (string Key, string Value)[] settings)
        : this(null, settings)
    {
    }

    /// <summary>A host whose services <paramref name="services"/> adds to (test handlers, workflow graphs) before the host's own.</summary>
    public OpsBotHost(Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        _services = services;
        _settings = settings.ToDictionary(setting => setting.Key, setting => (string?)setting.Value);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        // The watch cache is on in production; here tests write to the simulator and read in the same breath (a watch
        // lag race that is not what they test), so hosts read from the API unless a test sets Kubernetes:Cache:Enabled.
        builder.UseSetting("Kubernetes:Cache:Enabled", "false");
        builder.UseSetting("Simulator:Speed", "0");
        // Hosts start by the hundred in this suite: the job server (worker threads, polling) only where a test asks for it.
        builder.UseSetting("Jobs:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
