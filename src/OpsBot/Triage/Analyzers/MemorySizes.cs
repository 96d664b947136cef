namespace OpsBot.Triage.Analyzers;

/// <summary>Memory sizes a person would write in a manifest: the next step of 64Mi … 768Mi, 1Gi, 1536Mi, 2Gi, 3Gi, 4Gi, 6Gi, 8Gi …</summary>
public static class MemorySizes
{
    private static readonly long[] StepsMi = [64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576, 32768, 49152, 65536];

    /// <summary>The smallest clean size at or above <paramref name="bytes"/>.</summary>
    public static long RoundUp(long bytes)
    {
        foreach (var step in StepsMi)
        {
            if (step << 20 >= bytes)
            {
                return step << 20;
            }
        }

        var gi = 1L << 30;
        return (bytes + gi - 1) / gi * gi;
    }

    /// <summary>The manifest spelling: <c>768Mi</c>, <c>2Gi</c>, <c>1536Mi</c>.</summary>
    public static string Format(long bytes)
    {
        var gi = 1L << 30;
        return bytes % gi == 0 ? (bytes / gi).ToString(System.Globalization.CultureInfo.InvariantCulture) + "Gi" : (bytes >> 20).ToString(System.Globalization.CultureInfo.InvariantCulture) + "Mi";
    }
}
