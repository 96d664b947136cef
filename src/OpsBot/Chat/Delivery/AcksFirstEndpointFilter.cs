namespace OpsBot.Chat.Delivery;

/// <summary>
/// On a platform's inbound endpoint (Slack's request URLs, Teams' messaging endpoint): the request counts as an ack in
/// progress while its handler runs, so the <see cref="AfterAckWork"/> it and its neighbours started waits for it.
/// </summary>
public sealed class AcksFirstEndpointFilter(AfterAckWork work) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        using var ack = work.Acknowledging();
        return await next(context).ConfigureAwait(false);
    }
}
