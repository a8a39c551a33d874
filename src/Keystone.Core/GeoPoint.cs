using System.Globalization;

namespace Keystone.Core;

/// <summary>A place on the earth in WGS-84 degrees, as a phone's GPS writes it into a photo's EXIF.</summary>
public readonly record struct GeoPoint
{
    private const double EarthRadiusKm = 6371.0088;

    public GeoPoint(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new DomainException(new($"纬度{latitude}应在-90到90之间", $"The latitude {latitude} must be between -90 and 90"), "latitude");
        }

        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new DomainException(new($"经度{longitude}应在-180到180之间", $"The longitude {longitude} must be between -180 and 180"), "longitude");
        }

        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; }

    public double Longitude { get; }

    /// <summary>The great-circle (haversine) distance in kilometres: ample for "is this photo from the site".</summary>
    public double DistanceKm(GeoPoint other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLng = Radians(other.Longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>"37.85700, 113.58300": five decimals is about a metre.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.00000}, {Longitude:0.00000}");
}
