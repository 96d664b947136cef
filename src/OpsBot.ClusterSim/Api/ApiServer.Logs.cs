using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Logs;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    private static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(250);

    // https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#get-read-log-of-the-specified-pod
    private async Task HandleLogAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var ns = request.Path.Namespace ?? "";
        var name = request.Path.Name!;
        var pod = _store.Get(request.Definition.Resource, ns, name);
        var container = ResolveContainer(pod, name, request.Query("container"));
        var previous = request.Flag("previous");
        var lines = _logs.Read(ns, name, container, previous);
        if (lines is null && previous)
        {
            throw new ApiException(StatusErrors.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found"));
        }

        if (lines is null && WaitingReason(pod, container) is { } waiting)
        {
            throw new ApiException(StatusErrors.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: {waiting}"));
        }

        var selected = SelectLines(request, lines ?? []);
        request.Context.Response.StatusCode = 200;
        request.Context.Response.ContentType = "text/plain";
        var text = Render(request, selected);
        if (long.TryParse(request.Query("limitBytes"), out var limitBytes) && limitBytes >= 0)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            text = Encoding.UTF8.GetString(bytes, 0, (int)Math.Min(bytes.Length, limitBytes));
        }

        await request.Context.Response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        if (request.Flag("follow") && !previous)
        {
            await FollowAsync(request, ns, name, container, (lines ?? []).Count, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FollowAsync(ApiRequest request, string ns, string name, string container, int written, CancellationToken cancellationToken)
    {
        await request.Context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested && _store.TryGet(request.Definition.Resource, ns, name) is not null)
        {
            await Task.Delay(FollowPollInterval, cancellationToken).ConfigureAwait(false);
            var lines = _logs.Read(ns, name, container) ?? [];
            if (lines.Count < written)
            {
                written = 0;
            }

            if (lines.Count > written)
            {
                await request.Context.Response.WriteAsync(Render(request, lines.Skip(written)), cancellationToken).ConfigureAwait(false);
                await request.Context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                written = lines.Count;
            }
        }
    }

    private static string ResolveContainer(JsonObject pod, string podName, string? requested)
    {
        static List<string> Names(JsonNode? list) =>
            list is JsonArray a ? [.. a.Select(c => ObjectMeta.GetString(c, "name")).OfType<string>()] : [];
        var containers = Names(pod["spec"]?["containers"]);
        var init = Names(pod["spec"]?["initContainers"]);
        var ephemeral = Names(pod["spec"]?["ephemeralContainers"]);
        if (string.IsNullOrEmpty(requested))
        {
            if (containers.Count == 1)
            {
                return containers[0];
            }

            var message = $"a container name must be specified for pod {podName}, choose one of: [{string.Join(" ", containers)}]";
            if (init.Count > 0)
            {
                message += $" or one of the init containers: [{string.Join(" ", init)}]";
            }

            throw new ApiException(StatusErrors.BadRequest(message));
        }

        if (!containers.Contains(requested) && !init.Contains(requested) && !ephemeral.Contains(requested))
        {
            throw new ApiException(StatusErrors.BadRequest($"container {requested} is not valid for pod {podName}"));
        }

        return requested;
    }

    private static string? WaitingReason(JsonObject pod, string container)
    {
        foreach (var list in new[] { "containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses" })
        {
            if (pod["status"]?[list] is JsonArray statuses
                && statuses.FirstOrDefault(s => ObjectMeta.GetString(s, "name") == container) is { } status)
            {
                return ObjectMeta.GetString(status["state"]?["waiting"], "reason");
            }
        }

        return pod["status"]?["phase"]?.GetValue<string>() == "Pending" ? "ContainerCreating" : null;
    }

    private IReadOnlyList<PodLogLine> SelectLines(ApiRequest request, IReadOnlyList<PodLogLine> lines)
    {
        IEnumerable<PodLogLine> selected = lines;
        if (long.TryParse(request.Query("sinceSeconds"), out var sinceSeconds))
        {
            var since = Now - TimeSpan.FromSeconds(sinceSeconds);
            selected = selected.Where(l => l.Timestamp >= since);
        }
        else if (request.Query("sinceTime") is { } sinceTime
            && DateTimeOffset.TryParse(sinceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sinceAt))
        {
            selected = selected.Where(l => l.Timestamp >= sinceAt);
        }

        var list = selected.ToList();
        if (int.TryParse(request.Query("tailLines"), out var tail) && tail >= 0 && tail < list.Count)
        {
            list = list[^tail..];
        }

        return list;
    }

    private static string Render(ApiRequest request, IEnumerable<PodLogLine> lines)
    {
        var timestamps = request.Flag("timestamps");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (timestamps)
            {
                text.Append(line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }
}
