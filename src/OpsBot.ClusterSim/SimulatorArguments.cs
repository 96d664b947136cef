using System.Globalization;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim;

/// <summary>The command line of <see cref="SimulatorProgram"/>.</summary>
public sealed record SimulatorArguments(ClusterSimulatorOptions Options, string KubeconfigPath, IReadOnlyList<string> ApplyFiles, bool ShowHelp)
{
    public const string Usage =
        "usage: OpsBot.ClusterSim [--kubeconfig PATH] [--port N] [--https|--http] [--no-token]\n" +
        "                         [--scenario NAME] [--controllers on|off] [--speed X] [--apply FILE]...\n" +
        "  --kubeconfig   where to write the kubeconfig (default ./opsbot-sim.kubeconfig)\n" +
        "  --port         loopback port (default 0: any free port)\n" +
        "  --https/--http serve TLS with a generated CA (default) or plain HTTP\n" +
        "  --no-token     do not require the bearer token\n" +
        "  --scenario     incident scenario to load (s01-frontend-memory-leak … s12-redis-maxmemory, ecommerce-baseline)\n" +
        "  --controllers  on|off (default on)\n" +
        "  --speed        virtual seconds per real second (default 1)\n" +
        "  --apply        load a multi-document YAML/JSON manifest into the store before serving";

    public static SimulatorArguments Parse(IReadOnlyList<string> args)
    {
        var options = new ClusterSimulatorOptions();
        var kubeconfig = "opsbot-sim.kubeconfig";
        var apply = new List<string>();
        var help = false;
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
                    options = options with
                    {
                        ControllersEnabled = Value() switch
                        {
                            "on" => true,
                            "off" => false,
                            var other => throw new ArgumentException($"--controllers must be on or off, not '{other}'"),
                        },
                    };
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

        return new SimulatorArguments(options, kubeconfig, apply, help);
    }
}
