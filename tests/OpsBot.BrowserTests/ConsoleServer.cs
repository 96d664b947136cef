using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Testing;

namespace OpsBot.BrowserTests;

/// <summary>
/// The real OpsBot host served by Kestrel on a free loopback port (a browser needs a real socket), on its
/// embedded simulator with the clock frozen: drills move it with <c>/drill advance</c>.
/// </summary>
public sealed class ConsoleServer : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly Action<IServiceCollection>? _services;

    public ConsoleServer(Action<IServiceCollection>? services = null)
    {
        _services = services;
        UseKestrel();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Console:Urls", "http://127.0.0.1:0");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        // The watch cache is on in production; here tests write to the simulator and read in the same breath (a watch
        // lag race that is not what they test), so hosts read from the API unless a test sets Kubernetes:Cache:Enabled.
        builder.UseSetting("Kubernetes:Cache:Enabled", "false");
        builder.UseSetting("Simulator:Speed", "0");
        // Stepping simulated minutes costs CPU; a shared test machine gets room so that no advance is cut short.
        builder.UseSetting("Commands:Timeout", "00:05:00");
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
