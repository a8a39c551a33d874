using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Keystone.Core.Progress;

/// <summary>The limits on report photos (settings Keystone:Photos:MaxBytes, …:MaxPerReport).</summary>
public sealed record PhotoLimits
{
    public static readonly PhotoLimits Default = new();

    public long MaxBytes { get; init; } = 10L * 1024 * 1024;

    public int MaxPerReport { get; init; } = 6;

    /// <summary>A photo taken further than this from the project's site is flagged.</summary>
    public double FarKm { get; init; } = 5;

    public static PhotoLimits From(Func<string, string?> setting)
    {
        long? Long(string name) => setting("Keystone:Photos:" + name) is { Length: > 0 } v && long.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        return new PhotoLimits
        {
            MaxBytes = Long("MaxBytes") ?? Default.MaxBytes,
            MaxPerReport = (int)Math.Min(Long("MaxPerReport") ?? Default.MaxPerReport, 100),
            FarKm = Long("FarKm") ?? Default.FarKm,
        };
    }
}

/// <summary>A photo that passed the checks, with what its EXIF says.</summary>
public sealed record PhotoFile(string ContentType, string Extension, byte[] Content, DateTimeOffset? TakenAt, GeoPoint? Location)
{
    /// <summary>
    /// Checks an uploaded photo and reads its EXIF. Only JPEG and PNG are taken, known by their first bytes
    /// (a file's name and the browser's content type say nothing reliable); a photo over the size limit or
    /// empty is refused. A refusal names the file and says why, in both languages.
    /// </summary>
    public static PhotoFile Inspect(string fileName, byte[] content, PhotoLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var name = string.IsNullOrWhiteSpace(fileName) ? "照片" : Path.GetFileName(fileName);
        if (content.Length == 0)
        {
            throw new DomainException(new($"“{name}”是空文件", $"\"{name}\" is empty"), "photos");
        }

        if (content.Length > limits.MaxBytes)
        {
            throw TooLarge(name, limits);
        }

        var (type, extension) = Kind(content)
            ?? throw new DomainException(new($"“{name}”不是 JPEG 或 PNG 照片，只能上传 JPEG 或 PNG", $"\"{name}\" is not a JPEG or PNG photo; only JPEG and PNG are accepted"), "photos");
        var (takenAt, location) = ReadExif(content);
        return new PhotoFile(type, extension, content, takenAt, location) { Thumbnail = PhotoThumbnail.Make(content) };
    }

    /// <summary>The photo's <see cref="PhotoThumbnail"/>; null when it does not decode (it is still taken, as before thumbnails).</summary>
    public byte[]? Thumbnail { get; init; }

    /// <summary>The refusal of a photo over the limit, for a caller that knows the size before reading the bytes.</summary>
    public static DomainException TooLarge(string fileName, PhotoLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var mb = ChineseFormat.Trim(decimal.Round(limits.MaxBytes / 1024m / 1024m, 1));
        var name = Path.GetFileName(fileName);
        return new DomainException(new($"“{name}”超过{mb}MB，请压缩后再传", $"\"{name}\" is larger than {mb} MB; make it smaller"), "photos");
    }

    /// <summary>JPEG starts FF D8 FF, PNG with its eight-byte signature; anything else is not a photo we take.</summary>
    public static (string ContentType, string Extension)? Kind(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ("image/jpeg", ".jpg")
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? ("image/png", ".png")
        : null;

    private static (DateTimeOffset?, GeoPoint?) ReadExif(byte[] content)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            // A photo whose metadata cannot be read is still a photo; it just says nothing about itself.
            return (null, null);
        }

        DateTimeOffset? takenAt = null;
        foreach (var exif in directories.OfType<ExifSubIfdDirectory>())
        {
            if (exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
            {
                // Without an offset in EXIF the camera's clock is taken to be the desk's (the zones' phones are on China time).
                var offset = exif.GetString(OffsetTimeOriginal) is { } text
                    && TimeSpan.TryParseExact(text.TrimStart('+'), [@"hh\:mm", "hhmm"], CultureInfo.InvariantCulture, out var parsed)
                    ? (text.StartsWith('-') ? parsed.Negate() : parsed)
                    : DeskDate.Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
                takenAt = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
                break;
            }
        }

        GeoPoint? location = null;
        if (directories.OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation() is { IsZero: false } geo
            && geo.Latitude is >= -90 and <= 90 && geo.Longitude is >= -180 and <= 180)
        {
            location = new GeoPoint(geo.Latitude, geo.Longitude);
        }

        return (takenAt, location);
    }

    /// <summary>EXIF 2.31 OffsetTimeOriginal ("+08:00"), which MetadataExtractor 2.4 has no name for.</summary>
    private const int OffsetTimeOriginal = 0x9011;
}

/// <summary>What to tell a reviewer about a report photo: when and where it was taken, and what looks wrong.</summary>
public static class PhotoChecks
{
    /// <summary>
    /// Warnings for a photo sent with the report of <paramref name="period"/>: taken in another month (in
    /// the desk's time zone, <see cref="DeskDate.Zone"/>), or further than <paramref name="farKm"/> from the project's site. A photo without EXIF
    /// date or GPS gets no warning for what it cannot tell: many phones strip EXIF when sharing.
    /// </summary>
    public static IReadOnlyList<Text> Warnings(DateTimeOffset? takenAt, GeoPoint? takenWhere, Period period, GeoPoint? site, double farKm)
    {
        var warnings = new List<Text>();
        if (takenAt is { } at)
        {
            var local = DeskDate.Of(at);
            if (Period.Of(local) != period)
            {
                warnings.Add(new(
                    $"拍摄于{local.Year}年{local.Month}月{local.Day}日，不在报告月份{period.Year}年{period.Month}月内",
                    string.Create(CultureInfo.InvariantCulture, $"Taken on {local:yyyy-MM-dd}, outside the reported month {period}")));
            }
        }

        if (takenWhere is { } where && site is { } s && where.DistanceKm(s) is var km && km > farKm)
        {
            var distance = ChineseFormat.Trim(decimal.Round((decimal)km, 1));
            warnings.Add(new($"拍摄地点距项目位置约{distance}公里", $"Taken about {distance} km from the project's site"));
        }

        return warnings;
    }
}
