namespace OpsBot.ClusterSim.Api.Protobuf;

/// <summary>
/// A minimal reader of the protocol-buffers wire format: field tags, varints, length-delimited fields; fixed
/// 32/64-bit fields are skipped. Enough to read the few messages kubectl sends only as protobuf.
/// </summary>
// https://protobuf.dev/programming-guides/encoding/
internal sealed class ProtobufReader(ReadOnlyMemory<byte> data)
{
    private int _position;

    public bool AtEnd => _position >= data.Length;

    /// <summary>The next field's number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= data.Length)
            {
                throw new FormatException("truncated varint");
            }

            var b = data.Span[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - _position))
        {
            throw new FormatException("length-delimited field runs past the end of the message");
        }

        var bytes = data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes().Span);

    public ProtobufReader ReadMessage() => new(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                Advance(4);
                break;
            default:
                throw new FormatException($"unsupported wire type {wireType}");
        }
    }

    private void Advance(int count)
    {
        if (count > data.Length - _position)
        {
            throw new FormatException("fixed-size field runs past the end of the message");
        }

        _position += count;
    }
}
