namespace Keystone.Core.Progress;

/// <summary>
/// A photo of the site sent with a month's report (进度填报的现场照片). Kept in the database, not on a web
/// node's disk, so any node can serve it. Where and when it was taken come from its EXIF, read once on
/// upload; the reporter cannot type them, which is what makes them worth checking.
/// </summary>
public sealed class ReportPhoto
{
    public const int MaxFileNameLength = 200;

    public ReportPhoto(int projectId, Period period, string fileName, PhotoFile file, DateTimeOffset uploadedAt)
    {
        ArgumentNullException.ThrowIfNull(file);
        ProjectId = projectId;
        Period = period;
        var name = Path.GetFileName((fileName ?? "").Trim());
        FileName = name.Length == 0 ? "photo" + file.Extension
            : name.Length > MaxFileNameLength ? name[..(MaxFileNameLength - file.Extension.Length)] + file.Extension
            : name;
        ContentType = file.ContentType;
        Content = file.Content;
        Length = file.Content.Length;
        Thumbnail = file.Thumbnail ?? [];
        TakenAt = file.TakenAt;
        Latitude = file.Location?.Latitude;
        Longitude = file.Location?.Longitude;
        UploadedAt = uploadedAt.ToUniversalTime();
    }

    private ReportPhoto()
    {
        FileName = "";
        ContentType = "";
        Content = [];
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    /// <summary>The month of the report the photo was sent with.</summary>
    public Period Period { get; private set; }

    public string FileName { get; private set; }

    /// <summary>image/jpeg or image/png, from the file's own signature.</summary>
    public string ContentType { get; private set; }

    public byte[] Content { get; private set; }

    /// <summary>
    /// The <see cref="PhotoThumbnail"/> that pages list, made on upload: null for a photo stored before
    /// thumbnails (made and kept on its first request), empty when the photo does not decode (pages show a placeholder).
    /// </summary>
    public byte[]? Thumbnail { get; private set; }

    /// <summary>Bytes, kept apart so lists need not load the photo.</summary>
    public int Length { get; private set; }

    /// <summary>EXIF DateTimeOriginal, at its EXIF offset or else China time; null when the photo does not say.</summary>
    public DateTimeOffset? TakenAt { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lng ? new GeoPoint(lat, lng) : null;
}
