using System.Globalization;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>What a runtime prints as it runs out of memory (the last lines <c>kubectl logs --previous</c> shows).</summary>
public static class OutOfMemoryLogs
{
    public static IReadOnlyList<string> For(string? runtime, long usedBytes, long uptimeMs) => runtime switch
    {
        "node" => Node(usedBytes, uptimeMs),
        "jvm" or "java" => Jvm(),
        _ => [],
    };

    // The shape of V8's fatal OOM report (Node.js 18–22).
    private static string[] Node(long usedBytes, long uptimeMs)
    {
        var mb = (usedBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        var before = ((usedBytes / 1048576.0) + 0.3).ToString("0.0", CultureInfo.InvariantCulture);
        return
        [
            "",
            "<--- Last few GCs --->",
            "",
            $"[1:0x5f4a3c0]   {uptimeMs - 2100} ms: Mark-Compact {before} ({mb}) -> {mb} ({mb}) MB, 1012.4 / 0.0 ms  (average mu = 0.121, current mu = 0.014) allocation failure; scavenge might not succeed",
            $"[1:0x5f4a3c0]   {uptimeMs} ms: Mark-Compact {mb} ({mb}) -> {mb} ({mb}) MB, 1093.8 / 0.0 ms  (average mu = 0.065, current mu = 0.003) allocation failure; scavenge might not succeed",
            "",
            "",
            "<--- JS stacktrace --->",
            "",
            "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
            " 1: 0xb8ced0 node::Abort() [node]",
            " 2: 0xa9d5e1  [node]",
            " 3: 0xd6e7f0 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, bool) [node]",
            " 4: 0xd6eb97 v8::internal::V8::FatalProcessOutOfMemory(v8::internal::Isolate*, char const*, bool) [node]",
            " 5: 0xf4c0f5  [node]",
            " 6: 0xf5e5cd v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace, v8::internal::GarbageCollectionReason, v8::GCCallbackFlags) [node]",
        ];
    }

    private static string[] Jvm() =>
    [
        "Exception in thread \"http-nio-8080-exec-7\" java.lang.OutOfMemoryError: Java heap space",
        "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
        "\tat java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)",
        "\tat java.base/java.lang.StringBuilder.append(StringBuilder.java:179)",
        "\tat com.shop.checkout.CartSerializer.serialize(CartSerializer.java:88)",
        "\tat com.shop.checkout.CheckoutController.submit(CheckoutController.java:142)",
        "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
        "Terminating due to java.lang.OutOfMemoryError: Java heap space",
    ];
}
