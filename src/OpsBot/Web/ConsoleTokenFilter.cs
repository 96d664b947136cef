using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpsBot.Hosting;

namespace OpsBot.Web;

/// <summary>
/// With <c>Console:Token</c> set, the console API demands <c>Authorization: Bearer &lt;token&gt;</c>
/// (compared in constant time). Without it the console listens on loopback only (validated at start).
/// </summary>
public sealed class ConsoleTokenFilter(IOptions<ConsoleOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.Token is { Length: > 0 } token)
        {
            var presented = context.HttpContext.Request.Headers.Authorization.ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes("Bearer " + token)))
            {
                return Results.Json(new { error = "The console API needs the console token: Authorization: Bearer <Console:Token>." }, statusCode: StatusCodes.Status401Unauthorized);
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}
