using System.Security.Cryptography;
using System.Text;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// The simulated container registry the kubelet pulls from. Open (the default, for plain manifests): every
/// image exists except those marked missing. Closed (what a scenario sets up): only the listed images exist,
/// so a tag nobody published gives <c>ErrImagePull</c> … <c>not found</c>. Names compare after normalisation.
/// </summary>
public sealed class ImageRegistry
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);

    /// <summary>Whether images neither listed nor marked missing exist.</summary>
    /// <value>The default value is true.</value>
    public bool Open { get; set; } = true;

    public void Add(string image)
    {
        lock (_lock)
        {
            var name = ImageReference.Normalize(image);
            _present.Add(name);
            _missing.Remove(name);
        }
    }

    public void MarkMissing(string image)
    {
        lock (_lock)
        {
            var name = ImageReference.Normalize(image);
            _missing.Add(name);
            _present.Remove(name);
        }
    }

    /// <summary>Forgets every image and closes (or opens) the registry.</summary>
    public void Reset(bool open)
    {
        lock (_lock)
        {
            _present.Clear();
            _missing.Clear();
            Open = open;
        }
    }

    public bool Exists(string image)
    {
        lock (_lock)
        {
            var name = ImageReference.Normalize(image);
            return !_missing.Contains(name) && (Open || _present.Contains(name));
        }
    }

    /// <summary>A stable, plausible image size (20–220 MB) derived from the name.</summary>
    public static long SizeBytes(string image) => 20_000_000 + (long)(Hash(image) % 200_000_000UL);

    /// <summary>The content digest the registry answers for an image.</summary>
    public static string Digest(string image) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ImageReference.Normalize(image))));

    private static ulong Hash(string text) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(ImageReference.Normalize(text))), 0);
}
