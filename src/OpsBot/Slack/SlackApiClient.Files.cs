using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace OpsBot.Slack;

public sealed partial class SlackApiClient
{
    /// <summary>
    /// Shares a file in a channel, the three steps Slack asks for since <c>files.upload</c> was retired: ask for an upload
    /// URL for <paramref name="content"/>'s exact length (<c>files.getUploadURLExternal</c>, form arguments: it takes no
    /// JSON), POST the bytes there, then <c>files.completeUploadExternal</c> with the file's id and title and the channel.
    /// In a thread when <paramref name="threadTs"/> is set. Needs the <c>files:write</c> scope (else <see cref="SlackApiException"/> with <c>missing_scope</c>). Returns the file id.
    /// </summary>
    // https://docs.slack.dev/messaging/working-with-files#upload
    public async Task<string> UploadFileAsync(string channel, string filename, string title, byte[] content, string? threadTs = null, string? initialComment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var length = content.Length.ToString(CultureInfo.InvariantCulture);
        var issued = await CallFormAsync("files.getUploadURLExternal", _options.BotToken, [new("filename", filename), new("length", length)], cancellationToken).ConfigureAwait(false);
        var fileId = (string?)issued["file_id"] ?? throw new SlackApiException("files.getUploadURLExternal", "missing_file_id");
        if (!Uri.TryCreate((string?)issued["upload_url"], UriKind.Absolute, out var uploadUrl) || (uploadUrl.Scheme != Uri.UriSchemeHttps && uploadUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new SlackApiException("files.getUploadURLExternal", "invalid_upload_url");
        }

        // The upload URL is the credential (no token); sending the same bytes again only replaces them, so it may be retried.
        await CountedAsync("upload_url", async () =>
        {
            await SendAsync("upload_url", () => new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = Bytes(content) }, idempotent: true, cancellationToken).ConfigureAwait(false);
            return null;
        }).ConfigureAwait(false);

        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }),
            ["channel_id"] = channel,
        };
        if (threadTs is not null)
        {
            // Shared as a reply in the thread the incident is worked in (the parent's ts, never a reply's).
            complete["thread_ts"] = threadTs;
        }

        if (initialComment is not null)
        {
            complete["initial_comment"] = initialComment;
        }

        // Not idempotent: a second completion after a lost answer would share the file twice.
        await CallAsync("files.completeUploadExternal", complete, idempotent: false, cancellationToken).ConfigureAwait(false);
        return fileId;
    }

    private static ByteArrayContent Bytes(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return body;
    }
}
