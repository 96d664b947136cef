using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpsBot.Console;

/// <summary>
/// With <c>Console:Token</c> set, the console API demands <c>Authorization: Bearer &lt;token&gt;</c> (compared in constant
/// time). Without it the console API answers only on loopback: OpsBot refuses to start when it listens beyond loopback
/// (<see cref="ConsoleExposure"/>), the API is closed (403) until that check has passed, and — should a request still
/// arrive from another machine, e.g. through an address the check could not see — that request is refused too.
/// </summary>
public sealed class ConsoleTokenFilter(IOptions<ConsoleOptions> options, ConsoleExposure exposure) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (exposure.Closed is { } closed)
        {
            return Results.Json(new { error = closed }, statusCode: StatusCodes.Status403Forbidden);
        }

        if (options.Value.Token is { Length: > 0 } token)
        {
            var presented = context.HttpContext.Request.Headers.Authorization.ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes("Bearer " + token)))
            {
                return Results.Json(new { error = "The console API needs the console token: Authorization: Bearer <Console:Token>." }, statusCode: StatusCodes.Status401Unauthorized);
            }
        }
        else if (context.HttpContext.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return Results.Json(new { error = "Without Console:Token the console API answers only on loopback." }, statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context).ConfigureAwait(false);
    }
}
