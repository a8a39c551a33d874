using System.Text;

namespace Keystone.Web;

/// <summary>
/// Where a "go back to" parameter (returnUrl) may send a browser: only a path on this site. Anything else
/// — another site, a scheme, a protocol-relative "//host", the "/\host" that browsers read as one, or a path
/// hiding one behind a tab or a line break that browsers strip ("/%09/evil.example" becomes "//evil.example")
/// — goes to the home page instead. Every redirect to a URL the request supplied goes through here.
/// </summary>
public static class LocalUrl
{
    /// <summary><paramref name="url"/> when it is a local path (non-ASCII characters percent-encoded for the Location header), else "/".</summary>
    public static string OrRoot(string? url) => IsLocal(url) ? Encode(url!) : "/";

    /// <summary>
    /// Whether <paramref name="url"/> is a path on this site: it starts with exactly one '/', and neither it
    /// nor what it decodes to (percent-decoding repeated until nothing changes) holds a backslash or a
    /// control character, or starts with "//".
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        var text = url;
        for (var round = 0; round < 4; round++)
        {
            if (!IsPlainPath(text))
            {
                return false;
            }

            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                return true;
            }

            text = decoded;
        }

        // Encoded more deeply than any link of ours: not worth the doubt.
        return false;
    }

    private static bool IsPlainPath(string text) =>
        text.Length > 0
        && text[0] == '/'
        && !text.StartsWith("//", StringComparison.Ordinal)
        && !text.Any(c => c == '\\' || char.IsControl(c) || c is '\u2028' or '\u2029');

    /// <summary>Percent-encodes (as UTF-8) what a response header cannot carry: characters outside printable ASCII.</summary>
    private static string Encode(string url)
    {
        if (url.All(c => c is >= '!' and <= '~'))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is >= '!' and <= '~')
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
