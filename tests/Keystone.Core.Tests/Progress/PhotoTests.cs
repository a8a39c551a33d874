using Keystone.Core.Progress;
using Keystone.Core.Tests.Projects;
using Keystone.Testing;

namespace Keystone.Core.Tests.Progress;

public class PhotoTests
{
    // 阳泉东区智慧物流产业园, roughly; 太原 is about 100 km west of it.
    private static readonly GeoPoint Site = new(37.857, 113.583);
    private static readonly GeoPoint Taiyuan = new(37.870, 112.549);

    [Fact]
    public void AJpegWithExif_IsAccepted_WithItsDateAndPlace()
    {
        var photo = PhotoFile.Inspect("工地.jpg", TestPhotos.Jpeg(new DateTime(2024, 3, 28, 15, 30, 0), 37.857, 113.583), PhotoLimits.Default);
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal(new DateTimeOffset(2024, 3, 28, 15, 30, 0, TimeSpan.FromHours(8)), photo.TakenAt);
        Assert.NotNull(photo.Location);
        Assert.Equal(37.857, photo.Location.Value.Latitude, 4);
        Assert.Equal(113.583, photo.Location.Value.Longitude, 4);
    }

    [Fact]
    public void APngWithoutExif_IsAccepted_SayingNothingOfItself()
    {
        var photo = PhotoFile.Inspect("截图.png", TestPhotos.Png(), PhotoLimits.Default);
        Assert.Equal("image/png", photo.ContentType);
        Assert.Null(photo.TakenAt);
        Assert.Null(photo.Location);
    }

    [Fact]
    public void TheKind_IsReadFromTheBytes_NotTheName()
    {
        Assert.Equal("image/jpeg", PhotoFile.Inspect("scan.png", TestPhotos.Jpeg(), PhotoLimits.Default).ContentType);
        var e = Assert.Throws<DomainException>(() => PhotoFile.Inspect("现场.jpg", "这不是照片"u8.ToArray(), PhotoLimits.Default));
        Assert.Equal("photos", e.Field);
        Assert.Contains("“现场.jpg”不是 JPEG 或 PNG 照片", e.Text.Zh);
    }

    [Fact]
    public void AGif_IsRefused_WithAClearMessage()
    {
        var e = Assert.Throws<DomainException>(() => PhotoFile.Inspect("动图.gif", TestPhotos.Gif(), PhotoLimits.Default));
        Assert.Contains("只能上传 JPEG 或 PNG", e.Text.Zh);
        Assert.Contains("only JPEG and PNG", e.Text.En);
    }

    [Fact]
    public void APhotoOverTheLimit_OrEmpty_IsRefused()
    {
        var limits = new PhotoLimits { MaxBytes = 100 };
        var big = TestPhotos.Jpeg(new DateTime(2024, 3, 1), 37.8, 113.5);
        Assert.True(big.Length > 100);
        Assert.Contains("超过", Assert.Throws<DomainException>(() => PhotoFile.Inspect("大.jpg", big, limits)).Text.Zh);
        Assert.Contains("空文件", Assert.Throws<DomainException>(() => PhotoFile.Inspect("空.jpg", [], limits)).Text.Zh);
        Assert.Equal("image/jpeg", PhotoFile.Inspect("小.jpg", TestPhotos.Jpeg(), limits with { MaxBytes = 10_000 }).ContentType);
    }

    [Fact]
    public void Limits_ComeFromSettings()
    {
        var limits = PhotoLimits.From(key => key == "Keystone:Photos:MaxBytes" ? "2048" : null);
        Assert.Equal(2048, limits.MaxBytes);
        Assert.Equal(PhotoLimits.Default.MaxPerReport, limits.MaxPerReport);
    }

    [Fact]
    public void APhotoTakenInTheReportedMonth_NearTheSite_HasNoWarning()
    {
        var at = new DateTimeOffset(2024, 3, 31, 23, 0, 0, TimeSpan.FromHours(8));
        Assert.Empty(PhotoChecks.Warnings(at, new GeoPoint(37.86, 113.59), new Period(2024, 3), Site, 5));
    }

    [Fact]
    public void APhotoTakenInAnotherMonth_IsFlagged_InChinaTime()
    {
        // 2024-03-31 17:00 UTC is 1 April in China.
        var at = new DateTimeOffset(2024, 3, 31, 17, 0, 0, TimeSpan.Zero);
        var warning = Assert.Single(PhotoChecks.Warnings(at, null, new Period(2024, 3), Site, 5));
        Assert.Equal("拍摄于2024年4月1日，不在报告月份2024年3月内", warning.Zh);
    }

    [Fact]
    public void APhotoTakenFarFromTheSite_IsFlagged_WithTheDistance()
    {
        var warning = Assert.Single(PhotoChecks.Warnings(null, Taiyuan, new Period(2024, 3), Site, 5));
        Assert.StartsWith("拍摄地点距项目位置约", warning.Zh);
        var km = decimal.Parse(warning.Zh["拍摄地点距项目位置约".Length..^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(km, 90m, 95m);
    }

    [Fact]
    public void WithoutASiteOrGps_ThereIsNoDistanceToWarnAbout()
    {
        Assert.Empty(PhotoChecks.Warnings(null, Taiyuan, new Period(2024, 3), null, 5));
        Assert.Empty(PhotoChecks.Warnings(null, null, new Period(2024, 3), Site, 5));
    }

    [Fact]
    public void GeoPoint_MeasuresGreatCircleDistance_AndRefusesImpossibleCoordinates()
    {
        // 北京 to 上海: about 1,067 km.
        Assert.InRange(new GeoPoint(39.9042, 116.4074).DistanceKm(new GeoPoint(31.2304, 121.4737)), 1060, 1075);
        Assert.Equal(0, Site.DistanceKm(Site), 6);
        Assert.Equal("latitude", Assert.Throws<DomainException>(() => new GeoPoint(91, 0)).Field);
        Assert.Equal("longitude", Assert.Throws<DomainException>(() => new GeoPoint(0, -180.5)).Field);
        Assert.Throws<DomainException>(() => new GeoPoint(double.NaN, 0));
    }

    [Fact]
    public void AProject_IsLocated_AndCanForgetItsLocation()
    {
        var project = ProjectTests.NewProject();
        Assert.Null(project.Location);
        project.Locate(Site);
        Assert.Equal(Site, project.Location);
        project.Locate(null);
        Assert.Null(project.Latitude);
    }

    [Fact]
    public void AReport_KeepsTheProblemsMet_Trimmed_AndRefusesAnEssay()
    {
        var project = ProjectTests.NewProject(actualStart: new DateOnly(2024, 1, 5));
        var at = new DateTimeOffset(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var figures = project.FiguresFor(new Period(2024, 3), new Money(100), null, null);
        var report = project.Report(new Period(2024, 3), figures with { ProblemsMet = "  用地指标未落实  " }, at);
        Assert.Equal("用地指标未落实", report.ProblemsMet);
        var e = Assert.Throws<ValidationException>(() => project.Report(new Period(2024, 3), figures with { ProblemsMet = new string('问', 2001) }, at));
        Assert.Contains(e.Errors, x => x.Field == "problemsMet");
    }

    [Fact]
    public void AReportPhoto_KeepsTheExif_AndAFileName()
    {
        var file = PhotoFile.Inspect("", TestPhotos.Jpeg(new DateTime(2024, 3, 2, 8, 0, 0), 37.857, 113.583), PhotoLimits.Default);
        var photo = new ReportPhoto(7, new Period(2024, 3), "../../etc/现场.jpg", file, new DateTimeOffset(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal("现场.jpg", photo.FileName);
        Assert.Equal(file.Content.Length, photo.Length);
        Assert.Equal(file.TakenAt, photo.TakenAt);
        Assert.Equal(file.Location, photo.Location);
        Assert.Equal("photo.jpg", new ReportPhoto(7, new Period(2024, 3), " ", file, DateTimeOffset.UnixEpoch).FileName);
    }
}
