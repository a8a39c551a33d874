using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Keystone.Core.Progress;

/// <summary>
/// The small copy of a report photo that pages list (缩略图): a JPEG at most <see cref="MaxSide"/> pixels on
/// its long side, turned upright by its EXIF orientation and without its EXIF (the place it was taken stays
/// with the full photo). Made with ImageSharp 2.1 (Apache-2.0, managed code), which is given only its JPEG
/// and PNG decoders, the two kinds a photo may be.
/// </summary>
public static class PhotoThumbnail
{
    public const int MaxSide = 320;

    /// <summary>A photo with more pixels than this is not decoded at all (a 10 MB file may claim any size).</summary>
    public const long MaxPixels = 50_000_000;

    private const int Quality = 75;

    private static readonly Configuration Decoders = new(new JpegConfigurationModule(), new PngConfigurationModule());

    /// <summary>The thumbnail of <paramref name="content"/>, or null when it cannot be decoded (a damaged or outsized file).</summary>
    public static byte[]? Make(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var info = Image.Identify(Decoders, stream);
            if (info is null || info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            {
                return null;
            }

            stream.Position = 0;
            using var image = Image.Load<Rgb24>(Decoders, stream);
            image.Mutate(x => x.AutoOrient());
            if (image.Width > MaxSide || image.Height > MaxSide)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(MaxSide, MaxSide), Mode = ResizeMode.Max }));
            }

            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            using var thumbnail = new MemoryStream();
            image.SaveAsJpeg(thumbnail, new JpegEncoder { Quality = Quality });
            return thumbnail.ToArray();
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidImageContentException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // A photo that does not decode keeps its place: the page shows a placeholder in its stead.
            return null;
        }
    }
}
