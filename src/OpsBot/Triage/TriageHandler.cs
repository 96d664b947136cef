using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Triage;

/// <summary>
/// <c>/triage [NAMESPACE | deploy/NAME | pod/NAME | ns/NAME] [--since 1h] [--details]</c>: a diagnosis with evidence
/// and suggested actions. No argument: the working namespace (<c>-n</c>, else the channel's). A bare word is a
/// deployment of the working namespace when one has that name, else a namespace of that name (<c>/triage frontend</c>
/// triages deploy/frontend; <c>/triage shop</c> the namespace shop when no deployment is called shop).
/// </summary>
public sealed class TriageHandler(TriageService triage) : ICommandHandler
{
    public const string Target = "TARGET";
    public const string Since = "since";
    public const string DetailsFlag = "details";

    public static readonly TimeSpan DefaultSince = TimeSpan.FromHours(1);

    public CommandDefinition Definition { get; } = new(["triage"], "Diagnose a namespace, deployment or pod: root cause, evidence, suggested actions.", Permission.Triage)
    {
        Arguments = [new(Target, ValueKind.Text, "deploy/NAME, pod/NAME, ns/NAME, or a bare deployment (else namespace) name; default: the namespace.") { ObjectKind = "target" }],
        Flags =
        [
            new(Since, ValueKind.Duration, "How far back events and log lines count.") { ValueName = "DURATION", DefaultText = "1h" },
            new(DetailsFlag, ValueKind.Boolean, "Every finding with all its evidence and actions."),
        ],
        Examples = ["/triage", "/triage frontend", "/triage deploy/checkout --since 30m", "/triage pod/frontend-7d9f-b -n ecommerce-production", "/triage ns/ecommerce-staging"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var since = context.Command.GetDuration(Since) ?? DefaultSince;
        var target = await ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var report = await triage.RunAsync(context.Reads, target, context.ClusterName, context.Time.GetUtcNow(), since, cancellationToken).ConfigureAwait(false);
        var more = $"/triage {target.Argument} --since {TriageMessage.Duration(since)} --details -n {target.Namespace}" + (target.Cluster is null ? string.Empty : " --cluster " + target.Cluster);
        return new ChatReply(TriageMessage.Build(report, context.Command.GetBool(DetailsFlag), more)) { Report = report.ToJson() };
    }

    /// <summary>Turns the argument into a target, validating every name before it reaches a URL.</summary>
    private static async Task<TriageTarget> ResolveAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var ns = context.Namespace;
        var cluster = context.Command.Cluster;
        var raw = context.Command.GetString(Target)?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return new TriageTarget(TriageScope.Namespace, ns, null, cluster);
        }

        var slash = raw.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var kind = raw[..slash].ToLowerInvariant();
            var name = raw[(slash + 1)..];
            switch (kind)
            {
                case "deploy" or "deployment" or "deployments":
                    Check(name, KubernetesNames.ValidateSubdomain(name), "deployment");
                    return new TriageTarget(TriageScope.Deployment, ns, name, cluster);
                case "pod" or "pods" or "po":
                    Check(name, KubernetesNames.ValidateSubdomain(name), "pod");
                    return new TriageTarget(TriageScope.Pod, ns, name, cluster);
                case "ns" or "namespace" or "namespaces":
                    Check(name, KubernetesNames.ValidateLabel(name), "namespace");
                    return Namespace(context, name, cluster);
                default:
                    throw new CommandFailedException($"\"{Shorten(raw)}\" is not something /triage diagnoses: write deploy/NAME, pod/NAME or ns/NAME");
            }
        }

        Check(raw, KubernetesNames.ValidateSubdomain(raw), "deployment or namespace");
        try
        {
            await context.Client.AppsV1.ReadNamespacedDeploymentAsync(raw, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new TriageTarget(TriageScope.Deployment, ns, raw, cluster);
        }
        catch (Exception notFound) when (notFound.IsNotFound())
        {
            // Not a deployment here: perhaps a namespace.
        }

        if (KubernetesNames.ValidateLabel(raw) is null && context.IsNamespaceVisible(raw))
        {
            try
            {
                await context.Client.CoreV1.ReadNamespaceAsync(raw, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new TriageTarget(TriageScope.Namespace, raw, null, cluster);
            }
            catch (Exception notFound) when (notFound.IsNotFound())
            {
                // Neither: say so below.
            }
        }

        throw new CommandFailedException($"no deployment {raw} in namespace {ns} (and no namespace {raw} you may triage); write deploy/NAME, pod/NAME or ns/NAME");
    }

    private static TriageTarget Namespace(CommandContext context, string name, string? cluster) =>
        context.IsNamespaceVisible(name)
            ? new TriageTarget(TriageScope.Namespace, name, null, cluster)
            : throw new CommandFailedException($"you may not triage namespace {name} from this channel");

    private static void Check(string name, string? problem, string what)
    {
        if (problem is not null)
        {
            throw new CommandFailedException($"\"{Shorten(name)}\" is not a valid {what} name: {problem}");
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
