using System.Runtime.InteropServices;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Replays;
using OpsBot.ClusterSim.Scenarios;

namespace OpsBot.ClusterSim;

/// <summary>
/// Standalone entry point: <c>dotnet run --project src/OpsBot.ClusterSim -- --kubeconfig PATH [--port N]
/// [--https|--http] [--scenario NAME] [--controllers on|off] [--speed X] [--apply FILE]… [--replay PATH [--at TIME]]
/// [--service-account-dir NS/NAME=DIR]…</c>.
/// Writes the kubeconfig once serving and runs until Ctrl+C or SIGTERM, then stops cleanly (exit code 0).
/// </summary>
public static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorArguments parsed;
        try
        {
            parsed = SimulatorArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n\n{SimulatorArguments.Usage}").ConfigureAwait(false);
            return 2;
        }

        if (parsed.ShowHelp)
        {
            Console.WriteLine(SimulatorArguments.Usage);
            return 0;
        }

        ClusterSimulator simulator;
        if (parsed.ReplayPath is { } replay)
        {
            try
            {
                simulator = ClusterSimulator.ForReplay(ClusterDump.Read(replay), parsed.ReplayAt, parsed.Options);
            }
            catch (Exception e) when (e is FileNotFoundException or FormatException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            Console.WriteLine(simulator.Replay!.Summary());
        }
        else
        {
            simulator = new ClusterSimulator(parsed.Options);
        }

        await using var owned = simulator;
        if (parsed.Options.Scenario is { } scenario)
        {
            if (!ScenarioCatalog.Default.Contains(scenario))
            {
                await Console.Error.WriteLineAsync($"error: no scenario named '{scenario}'; known: {string.Join(", ", ScenarioCatalog.Default.Names)}").ConfigureAwait(false);
                return 2;
            }

            var loaded = ScenarioCatalog.Default.Load(simulator, scenario);
            simulator.Control.Loaded(loaded);
            Console.WriteLine($"scenario: {loaded.Scenario.Name} — {loaded.Scenario.Title} ({loaded.ObjectCount} objects, {loaded.InjectionCount} timed injection(s))");
        }

        foreach (var file in parsed.ApplyFiles)
        {
            var applied = simulator.Manifests.ApplyFile(file);
            Console.WriteLine($"applied {applied.Count} object(s) from {file}");
        }

        using var stop = new CancellationTokenSource();
        // SIGTERM (docker stop, kubectl delete pod, systemd), SIGINT (Ctrl+C) and SIGQUIT all stop the simulator cleanly:
        // cancelling the default handling keeps the runtime from exiting before the server has stopped.
        // https://learn.microsoft.com/dotnet/api/system.runtime.interopservices.posixsignalregistration
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => Stop(context, stop));
        await simulator.StartAsync(stop.Token).ConfigureAwait(false);
        var kubeconfig = simulator.WriteKubeconfig(parsed.KubeconfigPath);
        Console.WriteLine($"ClusterSim serving at {simulator.BaseUrl}");
        Console.WriteLine($"kubeconfig: {kubeconfig}");
        foreach (var (ns, name, directory) in parsed.ServiceAccountDirectories)
        {
            try
            {
                var mount = simulator.WriteServiceAccountDirectory(directory, ns, name);
                Console.WriteLine($"service account {ns}/{name}: {mount.Path} (KUBERNETES_SERVICE_HOST={mount.Host} KUBERNETES_SERVICE_PORT={mount.Port})");
            }
            catch (Exception e) when (e is InvalidOperationException or Store.StoreException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: --service-account-dir {ns}/{name}: {e.Message}").ConfigureAwait(false);
                await simulator.StopAsync().ConfigureAwait(false);
                return 2;
            }
        }

        Console.WriteLine($"try: KUBECONFIG={kubeconfig} kubectl get namespaces");
        Console.WriteLine($"controllers: {(parsed.Options.ControllersEnabled ? "on" : "off")}; press Ctrl+C (or send SIGTERM) to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A stop signal.
        }

        await simulator.StopAsync().ConfigureAwait(false);
        Console.WriteLine("ClusterSim stopped.");
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
