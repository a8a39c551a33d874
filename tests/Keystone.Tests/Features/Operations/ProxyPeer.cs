using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Keystone.Tests.Features.Operations;

/// <summary>
/// The test server has no network: this stands in for the TCP peer, taking the connection's address from the
/// test-only header <c>X-Test-Peer</c> before the app's own pipeline (and its forwarded-headers step) runs.
/// </summary>
public static class ProxyPeer
{
    public const string Header = "X-Test-Peer";

    public static WebApplicationFactory<Program> WithPeers(this KeystoneApp app) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, PeerFilter>()));

    /// <summary>A client whose requests come from <paramref name="peer"/> (a proxy, or a client connecting directly).</summary>
    public static HttpClient ClientFrom(this WebApplicationFactory<Program> factory, string peer)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, peer);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextStep) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var peer))
                {
                    http.Connection.RemoteIpAddress = peer;
                }

                return nextStep(http);
            });
            next(app);
        };
    }
}
