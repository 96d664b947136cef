using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api;

/// <summary>Ends a request with a Kubernetes <c>Status</c> body (see <see cref="StatusErrors"/>).</summary>
public sealed class ApiException : Exception
{
    public ApiException(JsonObject status)
        : base(status["message"]?.GetValue<string>())
    {
        Status = status;
        Code = status["code"]?.GetValue<int>() ?? 500;
    }

    public ApiException()
        : this(StatusErrors.InternalError("unknown error"))
    {
    }

    public ApiException(string message)
        : this(StatusErrors.InternalError(message))
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusErrors.InternalError(message);
        Code = 500;
    }

    public JsonObject Status { get; }

    public int Code { get; }
}
