using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    // https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
    private async Task HandleWatchAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var rvText = request.Query("resourceVersion");
        long? after = null;
        if (!string.IsNullOrEmpty(rvText) && rvText != "0")
        {
            after = long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
                ? rv
                : throw new ApiException(StatusErrors.BadRequest($"invalid resource version: \"{rvText}\""));
        }

        var filter = Filter(request);
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        StoreSubscription subscription;
        try
        {
            subscription = _store.Watch(request.Definition.Resource, request.Path.Namespace, after, sendInitialAdds: after is null);
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Expired)
        {
            await WriteEventAsync(request, "ERROR", StatusErrors.Expired(e.Message), cancellationToken).ConfigureAwait(false);
            return;
        }

        using (subscription)
        {
            var timeout = int.TryParse(request.Query("timeoutSeconds"), out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : _options.MaxWatchDuration;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            var bookmarks = request.Flag("allowWatchBookmarks");
            var firstTable = true;
            var reader = subscription.Reader;
            try
            {
                while (true)
                {
                    var wait = reader.WaitToReadAsync(deadline.Token).AsTask();
                    if (bookmarks)
                    {
                        var winner = await Task.WhenAny(wait, Task.Delay(_options.BookmarkInterval, deadline.Token)).ConfigureAwait(false);
                        if (winner != wait)
                        {
                            await winner.ConfigureAwait(false);
                            await WriteBookmarkAsync(request, deadline.Token).ConfigureAwait(false);
                            continue;
                        }
                    }

                    if (!await wait.ConfigureAwait(false))
                    {
                        if (subscription.Dropped)
                        {
                            // A broken connection: no clean end of the chunked stream.
                            request.Context.Abort();
                        }

                        return;
                    }

                    while (reader.TryRead(out var e))
                    {
                        var type = e.Type.ToString().ToUpperInvariant();
                        if (filter is not null)
                        {
                            // Like the real server: an object that stops matching arrives as DELETED, one that starts as ADDED.
                            var now = filter(e.Object);
                            var before = e.PreviousObject is { } previous && filter(previous);
                            if (!now && !before)
                            {
                                continue;
                            }

                            if (e.Type == WatchEventType.Modified && now != before)
                            {
                                type = now ? "ADDED" : "DELETED";
                            }
                        }

                        JsonNode obj = e.Object.DeepClone();
                        if (request.WantsTable)
                        {
                            obj = BuildTable(request, [e.Object], e.ResourceVersion, null, 0, includeColumns: firstTable);
                            firstTable = false;
                        }

                        await WriteEventAsync(request, type, obj, deadline.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // timeoutSeconds elapsed: end the stream normally.
            }
        }
    }

    private Task WriteBookmarkAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var bookmark = new JsonObject
        {
            ["kind"] = request.Definition.Kind,
            ["apiVersion"] = request.Definition.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
        };
        return WriteEventAsync(request, "BOOKMARK", bookmark, cancellationToken);
    }

    private static async Task WriteEventAsync(ApiRequest request, string type, JsonNode obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await request.Context.Response.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await request.Context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
