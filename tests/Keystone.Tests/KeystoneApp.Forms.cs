using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Keystone.Tests;

/// <summary>Posting the desk pages' server-side forms as a browser does.</summary>
public sealed partial class KeystoneApp
{
    /// <summary>
    /// Submits the page's form named <paramref name="form"/> (its @formname) as <paramref name="user"/>:
    /// fetches the page for the antiforgery token and cookie, then posts the fields (repeated keys kept in
    /// order, as a form's rows are) and an optional file as multipart/form-data. Answers the response: a
    /// redirect when the page accepted it, the page again with its errors otherwise.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(
        string url, string form, IEnumerable<(string Key, string Value)> fields, string user = Admin, (string Name, byte[] Content)? file = null)
    {
        var client = Client(user: user);
        var page = await client.GetStringAsync(url);
        var token = AntiforgeryInput().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {url}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(System.Net.WebUtility.HtmlDecode(token.Groups["value"].Value)), "__RequestVerificationToken" },
            { new StringContent(form), "_handler" },
        };
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(bytes, "file", f.Name);
        }

        return await client.PostAsync(url, content);
    }

    /// <summary>A page's HTML and status as <paramref name="user"/>.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Html)> PageAsAsync(string user, string url)
    {
        using var client = Client(user: user);
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
