using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Keystone.Testing;

/// <summary>
/// Real, decodable photo files made by hand, so photo handling is tested on bytes a phone could send and
/// no image library is needed: a small grey baseline JPEG with an optional EXIF block (DateTimeOriginal
/// and GPS, written here field by field), and a small PNG.
/// </summary>
public static class TestPhotos
{
    /// <summary>A 16×16 grey JPEG; with <paramref name="takenAt"/> and/or a GPS position in its EXIF.</summary>
    public static byte[] Jpeg(DateTime? takenAt = null, double? latitude = null, double? longitude = null)
    {
        var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        if (takenAt is not null || latitude is not null)
        {
            var exif = Exif(takenAt, latitude, longitude);
            jpeg.Write([0xFF, 0xE1]);
            WriteUInt16BigEndian(jpeg, exif.Length + 2);
            jpeg.Write(exif);
        }

        // DQT: every coefficient divided by 8.
        jpeg.Write([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        jpeg.Write(Enumerable.Repeat((byte)8, 64).ToArray());
        // SOF0: 8-bit, 16×16, one component (grey), 1×1 sampling, table 0.
        jpeg.Write([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00]);
        // DHT: DC table 0 with two 2-bit codes (category 0 → 00, category 7 → 01); AC table 0 with EOB only (0).
        jpeg.Write([0xFF, 0xC4, 0x00, 0x15, 0x00, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x07]);
        jpeg.Write([0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        // SOS, then four blocks: the first DC difference 72 (×8 = 576 = 8 × (200 − 128): light grey), the rest 0.
        jpeg.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.Write([0x64, 0x00, 0x1F]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A 4×4 solid PNG.</summary>
    public static byte[] Png() => Png(4, 4, noisy: false);

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> PNG, solid or of fixed pseudo-random pixels (which barely compress, like a real photo).</summary>
    public static byte[] Png(int width, int height, bool noisy)
    {
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        var raw = new MemoryStream();
        var seed = 12345u;
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // no filter
            for (var x = 0; x < width; x++)
            {
                if (noisy)
                {
                    seed = (seed * 1664525u) + 1013904223u;
                    raw.Write([(byte)(seed >> 24), (byte)(seed >> 16), (byte)(seed >> 8)]);
                }
                else
                {
                    raw.Write([0x9B, 0x1C, 0x1C]);
                }
            }
        }

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A GIF89a header and a little more: a real image kind that is refused.</summary>
    public static byte[] Gif() => [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3B];

    /// <summary>The APP1 payload: "Exif\0\0" and a little-endian TIFF with IFD0 → Exif IFD (DateTimeOriginal) and GPS IFD.</summary>
    private static byte[] Exif(DateTime? takenAt, double? latitude, double? longitude)
    {
        var tiff = new byte[178];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 8);

        // IFD0 at 8: pointers to the Exif IFD (38) and the GPS IFD (76).
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], 2);
        Entry(span, 10, 0x8769, 4, 1, 38);
        Entry(span, 22, 0x8825, 4, 1, 76);

        // Exif IFD at 38: DateTimeOriginal, 20 ASCII bytes at 56.
        BinaryPrimitives.WriteUInt16LittleEndian(span[38..], takenAt is null ? (ushort)0 : (ushort)1);
        if (takenAt is { } at)
        {
            Entry(span, 40, 0x9003, 2, 20, 56);
            Encoding.ASCII.GetBytes(at.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture)).CopyTo(span[56..]);
        }

        // GPS IFD at 76: N/S, latitude (3 rationals at 130), E/W, longitude (at 154).
        BinaryPrimitives.WriteUInt16LittleEndian(span[76..], latitude is null ? (ushort)0 : (ushort)4);
        if (latitude is { } lat && longitude is { } lng)
        {
            Entry(span, 78, 0x0001, 2, 2, lat >= 0 ? 'N' : 'S');
            Entry(span, 90, 0x0002, 5, 3, 130);
            Entry(span, 102, 0x0003, 2, 2, lng >= 0 ? 'E' : 'W');
            Entry(span, 114, 0x0004, 5, 3, 154);
            Degrees(span[130..], Math.Abs(lat));
            Degrees(span[154..], Math.Abs(lng));
        }

        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void Entry(Span<byte> tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[(at + 8)..], value);
    }

    /// <summary>Degrees, minutes and thousandths of seconds as three rationals.</summary>
    private static void Degrees(Span<byte> at, double value)
    {
        var degrees = (uint)Math.Floor(value);
        var minutesExact = (value - degrees) * 60;
        var minutes = (uint)Math.Floor(minutesExact);
        var seconds = (uint)Math.Round((minutesExact - minutes) * 60 * 1000);
        uint[] parts = [degrees, 1, minutes, 1, seconds, 1000];
        for (var i = 0; i < parts.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 4)..], parts[i]);
        }
    }

    private static void WriteUInt16BigEndian(Stream stream, int value) =>
        stream.Write([(byte)(value >> 8), (byte)value]);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
