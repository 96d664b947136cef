using System.Reflection;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim.Tests.Hosting;

/// <summary>House style: public async I/O methods take <c>CancellationToken cancellationToken = default</c> last.</summary>
public sealed class AsyncConventionTests
{
    [Fact]
    public void PublicAsyncMethods_TakeCancellationTokenLast()
    {
        var offenders = typeof(ClusterSimulator).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType == typeof(ValueTask) || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            .Where(m => m.Name is not ("DisposeAsync" or "Main"))
            .Where(m => !m.GetParameters().Any(p => p.ParameterType == typeof(HttpContext)))
            .Where(m => m.GetParameters() is not [.., { Name: "cancellationToken", HasDefaultValue: true } last] || last.ParameterType != typeof(CancellationToken))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
