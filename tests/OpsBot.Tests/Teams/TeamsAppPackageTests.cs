using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using OpsBot.Testing;

namespace OpsBot.Tests.Teams;

/// <summary>The Teams app package sources in manifests/teams keep Teams' rules (manifest schema 1.16+, icon sizes, outline colours).</summary>
public sealed class TeamsAppPackageTests
{
    private static string Folder => Path.Combine(RepositoryRoot.Find(), "manifests", "teams");

    [Fact]
    public void Manifest_DeclaresTheBotInEveryScopeWithACommandList()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;

        Assert.True(Version.Parse((string)manifest["manifestVersion"]!) >= new Version(1, 16));
        Assert.Contains("/v" + (string)manifest["manifestVersion"]! + "/", (string?)manifest["$schema"], StringComparison.Ordinal);
        Assert.True(Guid.TryParse((string?)manifest["id"], out _));
        Assert.True(((string)manifest["name"]!["short"]!).Length <= 30);
        Assert.True(((string)manifest["description"]!["short"]!).Length <= 80);
        Assert.Equal("color.png", (string?)manifest["icons"]!["color"]);
        Assert.Equal("outline.png", (string?)manifest["icons"]!["outline"]);
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal((string?)manifest["id"], (string?)bot["botId"]);
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(scope => (string)scope!).Order());
        var commands = Assert.Single(bot["commandLists"]!.AsArray())!["commands"]!.AsArray();
        Assert.InRange(commands.Count, 1, 10);
        Assert.All(commands, command =>
        {
            Assert.InRange(((string)command!["title"]!).Length, 1, 32);
            Assert.InRange(((string)command["description"]!).Length, 1, 128);
        });
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_HaveTheSizesTeamsRequires(string file, int size)
    {
        var (width, height, _) = ReadRgba(Path.Combine(Folder, file));

        Assert.Equal((size, size), (width, height));
    }

    [Fact]
    public void OutlineIcon_IsWhiteOnTransparent()
    {
        var (_, _, pixels) = ReadRgba(Path.Combine(Folder, "outline.png"));

        Assert.All(pixels, pixel => Assert.True(pixel == 0x00000000 || pixel == 0xFFFFFFFF, $"pixel {pixel:X8} is neither transparent nor white"));
        Assert.Contains(0xFFFFFFFFu, pixels);
        Assert.Contains(0x00000000u, pixels);
    }

    // The icons are written by make_icons.py: 8-bit RGBA, one IDAT, filter 0 on every row.
    private static (int Width, int Height, uint[] Pixels) ReadRgba(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.Equal((byte)8, bytes[24]);
        Assert.Equal((byte)6, bytes[25]);
        using var idat = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            if (System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4) == "IDAT")
            {
                idat.Write(bytes, offset + 8, length);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var pixels = new uint[width * height];
        var stride = 1 + (width * 4);
        for (var y = 0; y < height; y++)
        {
            Assert.True(raw[y * stride] == 0, "expected filter 0 rows: regenerate the icons with make_icons.py");
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan((y * stride) + 1 + (x * 4)));
            }
        }

        return (width, height, pixels);
    }
}
