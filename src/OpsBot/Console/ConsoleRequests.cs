using OpsBot.Chat;

namespace OpsBot.Console;

/// <summary>
/// Reads the console API's JSON bodies without trusting their shape: a body that is not a JSON object, repeats a
/// property or gives a field of the wrong kind (<c>"text": 5</c>) is refused with the reason, before anything runs.
/// </summary>
internal static class ConsoleRequests
{
    // A command is at most 4,000 characters; a button's value 2,000. Anything near this limit is not a console call.
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<InboundRead<ConsoleCommandRequest>> ReadCommandAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, refusal) = await ReadAsync(request, "command", cancellationToken).ConfigureAwait(false);
        if (fields is null)
        {
            return InboundRead<ConsoleCommandRequest>.Refuse(refusal!);
        }

        var body = new ConsoleCommandRequest(fields.Text("text"), fields.Text("user"), fields.Text("channel"));
        return fields.Error is { } error ? InboundRead<ConsoleCommandRequest>.Refuse(error) : body;
    }

    public static async Task<InboundRead<ConsoleActionRequest>> ReadActionAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, refusal) = await ReadAsync(request, "action", cancellationToken).ConfigureAwait(false);
        if (fields is null)
        {
            return InboundRead<ConsoleActionRequest>.Refuse(refusal!);
        }

        var body = new ConsoleActionRequest(fields.Text("actionId"), fields.Text("value"), fields.Text("user"), fields.Text("channel"), fields.Text("messageId"));
        return fields.Error is { } error ? InboundRead<ConsoleActionRequest>.Refuse(error) : body;
    }

    private static async Task<(JsonFields? Fields, string? Refusal)> ReadAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, $"The body is larger than {MaxBodyBytes / 1024} KB.");
            }

            buffer.Write(chunk, 0, read);
        }

        return InboundJson.ParseObject(buffer.ToArray(), out var refusal) is { } root
            ? (new JsonFields(root, what), null)
            : (null, refusal);
    }
}
