using Keystone.Core.Progress;
using Keystone.Testing;
using SixLabors.ImageSharp;

namespace Keystone.Core.Tests.Progress;

public class PhotoThumbnailTests
{
    [Fact]
    public void AWidePhoto_GetsAJpeg320PxWide_KeepingItsShape_AndFarSmaller()
    {
        var original = TestPhotos.Png(1200, 900, noisy: true);
        var photo = PhotoFile.Inspect("现场.png", original, PhotoLimits.Default);
        var thumbnail = Assert.IsType<byte[]>(photo.Thumbnail);
        Assert.Equal([0xFF, 0xD8, 0xFF], thumbnail[..3]);
        var info = Image.Identify(thumbnail);
        Assert.Equal(SixLabors.ImageSharp.Formats.Jpeg.JpegFormat.Instance, Image.DetectFormat(thumbnail));
        Assert.Equal((320, 240), (info.Width, info.Height));
        Assert.True(thumbnail.Length * 10 < original.Length, $"{thumbnail.Length} bytes of thumbnail for {original.Length} of photo");
    }

    [Fact]
    public void ATallPhoto_Is320PxHigh()
    {
        var info = Image.Identify(PhotoThumbnail.Make(TestPhotos.Png(600, 1200, noisy: true))!);
        Assert.Equal((160, 320), (info.Width, info.Height));
    }

    [Fact]
    public void ASmallPhoto_IsNotEnlarged()
    {
        var info = Image.Identify(PhotoThumbnail.Make(TestPhotos.Jpeg(new DateTime(2024, 3, 28, 15, 30, 0), 37.857, 113.583))!);
        Assert.Equal((16, 16), (info.Width, info.Height));
    }

    [Fact]
    public void ADamagedPhoto_IsStillTaken_WithoutAThumbnail()
    {
        var damaged = TestPhotos.Jpeg()[..40];
        var photo = PhotoFile.Inspect("坏.jpg", damaged, PhotoLimits.Default);
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Null(photo.Thumbnail);
        Assert.Empty(new ReportPhoto(1, new Period(2024, 4), "坏.jpg", photo, DateTimeOffset.UnixEpoch).Thumbnail!);
    }
}
