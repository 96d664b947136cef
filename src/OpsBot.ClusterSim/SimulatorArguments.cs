using System.Globalization;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim;

/// <summary>The command line of <see cref="SimulatorProgram"/>.</summary>
public sealed record SimulatorArguments(ClusterSimulatorOptions Options, string KubeconfigPath, IReadOnlyList<string> ApplyFiles, bool ShowHelp)
{
    public const string Usage =
        "usage: OpsBot.ClusterSim [--kubeconfig PATH] [--port N] [--https|--http] [--no-token]\n" +
        "                         [--scenario NAME] [--controllers on|off] [--speed X] [--apply FILE]...\n" +
        "                         [--replay PATH [--at TIME]] [--service-account-dir NS/NAME=DIR]...\n" +
        "  --kubeconfig   where to write the kubeconfig (default ./opsbot-sim.kubeconfig)\n" +
        "  --port         loopback port (default 0: any free port)\n" +
        "  --https/--http serve TLS with a generated CA (default) or plain HTTP\n" +
        "  --no-token     do not require the bearer token\n" +
        "  --scenario     incident scenario to load (s01-frontend-memory-leak … s12-redis-maxmemory, ecommerce-baseline)\n" +
        "  --controllers  on|off (default on)\n" +
        "  --speed        virtual seconds per real second (default 1)\n" +
        "  --apply        load a multi-document YAML/JSON manifest into the store before serving\n" +
        "  --replay       serve a cluster dump (file or folder, see tools/dump-cluster.sh) exactly as recorded;\n" +
        "                 controllers off unless --controllers on\n" +
        "  --at           with --replay: the virtual clock's start, RFC 3339 (default: the dump's newest timestamp)\n" +
        "  --service-account-dir  once serving, write the in-cluster files (token, ca.crt, namespace) of that\n" +
        "                 ServiceAccount under DIR (HTTPS only)";

    /// <summary>The dump <c>--replay</c> names, or null.</summary>
    public string? ReplayPath { get; init; }

    /// <summary><c>--at</c>: where a replay's clock starts (null: the dump's newest timestamp).</summary>
    public DateTimeOffset? ReplayAt { get; init; }

    /// <summary><c>--service-account-dir NS/NAME=DIR</c>, in order.</summary>
    public IReadOnlyList<(string Namespace, string Name, string Directory)> ServiceAccountDirectories { get; init; } = [];

    public static SimulatorArguments Parse(IReadOnlyList<string> args)
    {
        var options = new ClusterSimulatorOptions();
        var kubeconfig = "opsbot-sim.kubeconfig";
        var apply = new List<string>();
        var help = false;
        string? replay = null;
        DateTimeOffset? at = null;
        bool? controllers = null;
        var serviceAccounts = new List<(string, string, string)>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--kubeconfig":
                    kubeconfig = Value();
                    break;
                case "--port":
                    options = options with { Port = int.TryParse(Value(), CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535 ? port : throw new ArgumentException("--port must be 0..65535") };
                    break;
                case "--https":
                    options = options with { UseHttps = true };
                    break;
                case "--http":
                    options = options with { UseHttps = false };
                    break;
                case "--no-token":
                    options = options with { RequireToken = false };
                    break;
                case "--scenario":
                    options = options with { Scenario = Value() };
                    break;
                case "--controllers":
                    controllers = Value() switch
                    {
                        "on" => true,
                        "off" => false,
                        var other => throw new ArgumentException($"--controllers must be on or off, not '{other}'"),
                    };
                    break;
                case "--replay":
                    replay = Value();
                    break;
                case "--at":
                    at = DateTimeOffset.TryParse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) && args[i].Contains('T', StringComparison.Ordinal)
                        ? time
                        : throw new ArgumentException($"--at must be an RFC 3339 time such as 2026-11-20T03:00:00Z, not '{args[i]}'");
                    break;
                case "--service-account-dir":
                    serviceAccounts.Add(ParseServiceAccountDirectory(Value()));
                    break;
                case "--speed":
                    options = options with { Speed = double.TryParse(Value(), CultureInfo.InvariantCulture, out var speed) && speed >= 0 ? speed : throw new ArgumentException("--speed must be a number >= 0") };
                    break;
                case "--apply":
                    apply.Add(Value());
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (at is not null && replay is null)
        {
            throw new ArgumentException("--at needs --replay");
        }

        if (replay is not null && options.Scenario is not null)
        {
            throw new ArgumentException("--replay and --scenario cannot be combined");
        }

        // A replay serves the recorded state as it is: controllers stay off unless asked for.
        options = options with { ControllersEnabled = controllers ?? replay is null };
        return new SimulatorArguments(options, kubeconfig, apply, help)
        {
            ReplayPath = replay,
            ReplayAt = at,
            ServiceAccountDirectories = serviceAccounts,
        };
    }

    private static (string, string, string) ParseServiceAccountDirectory(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var account = equals > 0 ? value[..equals].Split('/') : [];
        if (account.Length != 2 || account[0].Length == 0 || account[1].Length == 0 || equals == value.Length - 1)
        {
            throw new ArgumentException($"--service-account-dir must be NAMESPACE/NAME=DIRECTORY, not '{value}'");
        }

        return (account[0], account[1], value[(equals + 1)..]);
    }
}
