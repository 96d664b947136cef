using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpsBot.Operations;

namespace OpsBot.Console;

/// <summary>
/// Keeps the console API (which runs commands and presses buttons as whatever user the caller names) from being open
/// beyond loopback without <c>Console:Token</c>. The decision is taken from the addresses the server actually bound,
/// read once it has started, whatever configured them (<c>Console:Urls</c>, <c>ASPNETCORE_URLS</c>, <c>--urls</c>, the
/// <c>urls</c> setting, <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>): an address other than loopback
/// (<c>0.0.0.0</c>, <c>[::]</c>, a LAN address, a host name) without a token refuses the start
/// (<see cref="StartupRefusedException"/>: one line, exit code 1). Refusing to start rather than answering 403 is
/// deliberate: a bot that runs with its console shut looks healthy while its operators think the console works, and a
/// misconfigured deployment should fail where it is deployed (a pod that does not start, with the line that says why).
/// Until the check has passed — between binding and the check, or when the start was refused — the console API
/// answers 403 (<see cref="ConsoleTokenFilter"/>).
/// </summary>
public sealed class ConsoleExposure(IServer server, IOptions<ConsoleOptions> options) : IHostedLifecycleService
{
    private volatile string? _closed = "OpsBot is still starting: the console API opens once its listening addresses are checked.";

    /// <summary>Why the console API answers nobody yet; <see langword="null"/> once it is open (to loopback, or to holders of the token).</summary>
    public string? Closed => _closed;

    /// <summary>Whether an address the server listens on is reachable only from this machine.</summary>
    public static bool IsLocalOnly(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // Kestrel's unix sockets (http://unix:/run/opsbot.sock) and named pipes are not network addresses.
        if (uri.Host is "unix" or "pipe" && uri.AbsolutePath.Length > 1)
        {
            return true;
        }

        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Token is { Length: > 0 })
        {
            _closed = null;
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(address => !IsLocalOnly(address)).ToList();
        if (exposed.Count == 0)
        {
            _closed = null;
            return;
        }

        _closed = "The console API is closed: OpsBot listens beyond loopback without Console:Token.";
        // Stop listening before the host unwinds, so that no request reaches a half-disposed application meanwhile.
        await server.StopAsync(cancellationToken).ConfigureAwait(false);
        throw new StartupRefusedException(
            $"Console:Token is required because OpsBot listens on {string.Join(", ", exposed)}, beyond loopback, where anyone who reaches it " +
            "could run commands as any console user: set Console__Token to a long random value, or listen on 127.0.0.1 only (Console__Urls).");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
