using OpsBot.ClusterSim.Controllers;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBot.ClusterSim.Access;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Logs;
using OpsBot.ClusterSim.Manifests;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Replays;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Hosting;

/// <summary>
/// The embeddable simulated cluster: a Kubernetes API server on 127.0.0.1 (HTTP or HTTPS with its own CA,
/// bearer-token auth) over an in-memory <see cref="ObjectStore"/>, with a virtual <see cref="SimulationClock"/>,
/// a pod log store and a metrics source for controllers to feed. <c>await using var sim = new ClusterSimulator();
/// await sim.StartAsync(); sim.WriteKubeconfig(path);</c>
/// </summary>
public sealed class ClusterSimulator : IAsyncDisposable
{
    private readonly ClusterSimulatorOptions _options;
    private SimulatorCertificates? _certificates;
    private WebApplication? _app;
    private CancellationTokenSource? _engineLoop;
    private Task? _engineTask;
    private SimulatorControl? _control;

    public ClusterSimulator(ClusterSimulatorOptions? options = null)
    {
        _options = options ?? new ClusterSimulatorOptions();
        Clock = new SimulationClock(_options.StartTime ?? TimeProvider.System.GetUtcNow(), _options.Speed);
        Store = new ObjectStore(Clock, _options.HistoryCapacity);
        Registry = BuiltInResources.CreateRegistry();
        Logs = new InMemoryPodLogStore(Clock);
        Metrics = new InMemoryMetricsSource(Clock);
        Faults = new FaultInjector(_options.FaultSeed);
        Token = _options.TokenRequired ? _options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : null;
        Manifests = new ManifestLoader(Store, Registry);
        Access = new AccessControl(Store, Clock, Token, _options.TokenRequired);
        Engine = new SimulationEngine(Clock, Store, Logs, Metrics, Metrics).AddDefaultControllers(kubelet: _options.SimulatedKubelet);
        if (_options.CreateDefaultNamespaces)
        {
            foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            {
                Manifests.Apply(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                    ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                });
            }
        }

        if (_options.CreateDefaultRbac)
        {
            foreach (var obj in BootstrapPolicy.Objects())
            {
                Manifests.Apply(obj);
            }
        }
    }

    /// <summary>
    /// A simulator that serves <paramref name="dump"/> exactly as recorded (see <see cref="ReplayLoader"/>); start it
    /// with <see cref="StartAsync"/>. Its clock starts at <paramref name="at"/>, by default the newest time the dump
    /// records. <paramref name="options"/> default to controllers off (the recorded state stays as it is); their
    /// StartTime and default namespaces/RBAC are replaced by the replay's.
    /// </summary>
    public static ClusterSimulator ForReplay(ClusterDump dump, DateTimeOffset? at = null, ClusterSimulatorOptions? options = null)
    {
        var start = at ?? dump.NewestTimestamp ?? TimeProvider.System.GetUtcNow();
        var simulator = new ClusterSimulator((options ?? new ClusterSimulatorOptions { ControllersEnabled = false }) with
        {
            StartTime = start,
            CreateDefaultNamespaces = false,
            CreateDefaultRbac = false,
        });
        simulator.Replay = ReplayLoader.Load(simulator, dump, start);
        return simulator;
    }

    public ClusterSimulatorOptions Options => _options;

    /// <summary>What <see cref="ForReplay"/> loaded; null for a simulator that is not a replay.</summary>
    public ReplayResult? Replay { get; private set; }

    public SimulationClock Clock { get; }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    public InMemoryPodLogStore Logs { get; }

    public InMemoryMetricsSource Metrics { get; }

    public FaultInjector Faults { get; }

    /// <summary>Loads manifests (multi-document YAML or JSON) straight into the store.</summary>
    public ManifestLoader Manifests { get; }

    /// <summary>Authentication (admin token, ServiceAccount tokens), impersonation and RBAC of every request.</summary>
    public AccessControl Access { get; }

    /// <summary>The bearer token clients must send, or null when tokens are not required.</summary>
    public string? Token { get; }

    /// <summary>The CA certificate in PEM (HTTPS only).</summary>
    public string? CertificateAuthorityPem => _certificates?.AuthorityPem;

    /// <summary>The server's base URL (<c>https://127.0.0.1:PORT/</c>) once started.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public bool IsRunning => _app is not null;

    /// <summary>The controllers on the virtual clock: step them with <see cref="SimulationEngine.AdvanceAsync"/>.</summary>
    public SimulationEngine Engine { get; }

    /// <summary>Scenarios and virtual time, as served under <c>/sim/scenarios</c> and <c>/sim/clock</c>.</summary>
    public SimulatorControl Control => _control ??= new SimulatorControl(this, Scenarios.ScenarioCatalog.Default);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The simulator is already running.");
        }

        if (_options.UseHttps)
        {
            // Real time, not the virtual clock: clients check validity against their own wall clock.
            _certificates = SimulatorCertificates.Create(TimeProvider.System);
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        if (_options.UseHttps)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port, listen =>
        {
            if (_certificates is { } certificates)
            {
                listen.UseHttps(certificates.Server);
            }
        }));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var api = new ApiServer(Store, Registry, Logs, Metrics, Faults, _options.Api) { Control = Control, Access = Access };
        app.Run(api.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
        _app = app;
        if (_options.ControllersEnabled && _options.Speed > 0)
        {
            // The clock flows on its own: controllers follow it in the background.
            _engineLoop = new CancellationTokenSource();
            _engineTask = Engine.RunAsync(cancellationToken: _engineLoop.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_engineLoop is { } loop)
        {
            _engineLoop = null;
            await loop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _engineTask!.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            loop.Dispose();
        }

        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The kubeconfig text for this simulator (server, CA data, token, namespace).</summary>
    public string RenderKubeconfig(string contextName = "opsbot-sim", string ns = "default") =>
        KubeconfigWriter.Render(BaseUrl, CertificateAuthorityPem, Token, contextName, ns);

    /// <summary>Writes a kubeconfig that kubectl and OpsBot's client accept; returns the full path.</summary>
    public string WriteKubeconfig(string path, string contextName = "opsbot-sim", string ns = "default")
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, RenderKubeconfig(contextName, ns));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return full;
    }

    /// <summary>
    /// Writes the in-cluster files of the ServiceAccount <paramref name="ns"/>/<paramref name="name"/> (which must
    /// exist) under <paramref name="directory"/>: <c>token</c>, <c>ca.crt</c>, <c>namespace</c>. Needs a started HTTPS
    /// simulator. Point a client's in-cluster configuration at it with the returned host and port.
    /// </summary>
    public ServiceAccountDirectory WriteServiceAccountDirectory(string directory, string ns, string name, TimeSpan? tokenExpiration = null)
    {
        if (!IsRunning || CertificateAuthorityPem is not { } ca)
        {
            throw new InvalidOperationException("A service-account directory needs a started HTTPS simulator (in-cluster clients speak HTTPS only).");
        }

        return new ServiceAccountDirectory(Access.Tokens, Path.GetFullPath(directory), ns, name, BaseUrl, ca, tokenExpiration ?? ServiceAccountTokens.DefaultExpiration);
    }

    /// <summary>An HttpClient that trusts the simulator's CA and sends its token, based at <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateHttpClient() => CreateHttpClient(Token);

    /// <summary>An HttpClient that trusts the simulator's CA and sends <paramref name="bearerToken"/> (none when null).</summary>
    public HttpClient CreateHttpClient(string? bearerToken)
    {
        var handler = new HttpClientHandler();
        if (_certificates is { } certificates)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificates.Validates(certificate);
        }

        var client = new HttpClient(handler) { BaseAddress = BaseUrl };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _certificates?.Dispose();
        Access.Dispose();
    }
}
