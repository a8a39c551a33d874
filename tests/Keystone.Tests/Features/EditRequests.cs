using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Keystone.Tests.Features;

/// <summary>What the concurrency tests send as a client and a browser do: a JSON edit with or without If-Match, and a form's hidden fields.</summary>
public static partial class EditRequests
{
    /// <summary>A JSON request, with If-Match when <paramref name="ifMatch"/> is given (sent as written, valid or not).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The hidden fields (antiforgery token, handler, version) of the form with id <paramref name="formId"/>, as a browser would post them.</summary>
    public static Dictionary<string, string> HiddenFields(string html, string formId)
    {
        var start = html.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no form {formId} on the page");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        return HiddenInput().Matches(html[start..end])
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
