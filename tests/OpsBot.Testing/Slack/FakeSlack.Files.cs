using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpsBot.Testing.Slack;

/// <summary>
/// Slack's external file upload, the three steps as Slack checks them: <c>files.getUploadURLExternal</c> (form arguments
/// only, the <c>files:write</c> scope, a <c>filename</c> and a positive integer <c>length</c>) issues a file id and an upload
/// URL; a POST of exactly <c>length</c> bytes to that URL (once); <c>files.completeUploadExternal</c> (<c>files:write</c>,
/// <c>files</c> = [{id, title}] of ids issued and uploaded and not yet completed, a <c>channel_id</c> that exists) shares it.
/// https://docs.slack.dev/messaging/working-with-files#upload
/// </summary>
public sealed partial class FakeSlack
{
    private const string WriteFiles = "files:write";
    private readonly ConcurrentDictionary<string, PendingUpload> _uploads = new(StringComparer.Ordinal);
    private long _nextFile;

    /// <summary>Files shared in channels (completed uploads), in order.</summary>
    public ConcurrentQueue<FakeSlackFile> Files { get; } = new();

    private (string?, JsonObject) GetUploadUrl(JsonObject arguments, string? contentType)
    {
        if (!Scopes.ContainsKey(WriteFiles))
        {
            return ("missing_scope", new JsonObject { ["needed"] = WriteFiles });
        }

        // This method reads form arguments only: a JSON body reaches it as no arguments at all.
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return ("invalid_arguments", []);
        }

        var filename = Text(arguments["filename"]);
        if (!long.TryParse(Text(arguments["length"]), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0 || string.IsNullOrEmpty(filename))
        {
            return ("invalid_arguments", []);
        }

        var id = "F0" + Interlocked.Increment(ref _nextFile).ToString("D9", CultureInfo.InvariantCulture);
        var key = Guid.NewGuid().ToString("n");
        _uploads[id] = new PendingUpload(id, filename, length, key);
        return (null, new JsonObject { ["upload_url"] = new Uri(BaseAddress, $"upload/v1/{key}").AbsoluteUri, ["file_id"] = id });
    }

    private async Task ServeUploadAsync(HttpContext context, string key)
    {
        var received = _clock.Elapsed;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var upload = _uploads.Values.FirstOrDefault(pending => pending.Key == key);
        string? error = null;
        if (upload is null)
        {
            error = "upload_url_not_found";
        }
        else if (buffer.Length != upload.Length)
        {
            error = "length_mismatch";
        }
        else if (Interlocked.CompareExchange(ref upload.Content, buffer.ToArray(), null) is not null)
        {
            error = "already_uploaded";
        }

        _calls.Enqueue(new FakeSlackCall("upload_url", error is null ? 200 : 400, error, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, received));
        context.Response.StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(error ?? $"OK - {buffer.Length}");
    }

    private (string?, JsonObject) CompleteUpload(JsonObject arguments)
    {
        if (!Scopes.ContainsKey(WriteFiles))
        {
            return ("missing_scope", new JsonObject { ["needed"] = WriteFiles });
        }

        var files = arguments["files"] switch
        {
            JsonArray array => array,
            JsonValue value when value.TryGetValue<string>(out var text) => TryParseArray(text),
            _ => null,
        };
        if (files is null || files.Count == 0)
        {
            return ("invalid_arguments", []);
        }

        var channel = Text(arguments["channel_id"]);
        if (channel is null || !ChannelExists(channel))
        {
            return ("channel_not_found", []);
        }

        var taken = new List<(PendingUpload Upload, string? Title)>();
        foreach (var file in files)
        {
            if (Text(file?["id"]) is not { } id || !_uploads.TryGetValue(id, out var upload))
            {
                return ("file_not_found", []);
            }

            if (Volatile.Read(ref upload.Content) is null)
            {
                return ("file_upload_incomplete", []);
            }

            taken.Add((upload, Text(file!["title"])));
        }

        foreach (var (upload, title) in taken)
        {
            if (!_uploads.TryRemove(upload.Id, out _))
            {
                return ("file_not_found", []);
            }

            Files.Enqueue(new FakeSlackFile(upload.Id, upload.Filename, title, channel, Text(arguments["thread_ts"]), Text(arguments["initial_comment"]), upload.Content!));
        }

        return (null, new JsonObject { ["files"] = new JsonArray([.. taken.Select(file => (JsonNode)new JsonObject { ["id"] = file.Upload.Id, ["title"] = file.Title })]) });
    }

    // A channel Slack knows: created through conversations.create, or one people or the bot wrote in.
    private bool ChannelExists(string channel) =>
        CreatedChannels.Values.Contains(channel, StringComparer.Ordinal) || PeopleSaid.ContainsKey(channel) || _messages.Any(message => message.Channel == channel);

    private static JsonArray? TryParseArray(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed class PendingUpload(string id, string filename, long length, string key)
    {
        public string Id { get; } = id;

        public string Filename { get; } = filename;

        public long Length { get; } = length;

        public string Key { get; } = key;

        public byte[]? Content;
    }
}
