using System.Net;
using Keystone.Core;
using Microsoft.AspNetCore.HttpOverrides;

namespace Keystone.Web;

/// <summary>
/// Forwarded headers (X-Forwarded-For, -Proto, -Host) honoured only from the reverse proxies an operator names
/// (<c>Keystone:Proxy:KnownNetworks</c>, comma-separated CIDRs; <c>Keystone:Proxy:KnownProxies</c>, addresses).
/// Behind them the connection's address is the client's, so the sign-in rate limit counts each client, and the
/// audit log and the logs name it; redirects keep the scheme and host the client used. From any other peer the
/// headers are ignored, so nobody can pick their own address. With neither setting, no header is honoured.
/// </summary>
public static class Proxies
{
    public const string NetworksKey = "Keystone:Proxy:KnownNetworks";
    public const string ProxiesKey = "Keystone:Proxy:KnownProxies";

    public static IServiceCollection AddKeystoneProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = Networks(configuration[NetworksKey], "Keystone__Proxy__KnownNetworks");
        var proxies = Split(configuration[ProxiesKey]).Select(ParseAddress).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only what the operator names: not even loopback by default.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            networks.ForEach(o.KnownIPNetworks.Add);
            proxies.ForEach(o.KnownProxies.Add);
            // Every hop is checked against the lists, so a chain of known proxies unwinds to the first unknown address.
            o.ForwardLimit = null;
        });
        return services;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Comma-separated CIDRs from a setting; a wrong one stops the start, naming the setting.</summary>
    public static List<System.Net.IPNetwork> Networks(string? value, string setting) =>
        Split(value).Select(v => System.Net.IPNetwork.TryParse(v, out var network)
            ? network
            : throw new DomainException(new(
                $"设置 {setting} 中的“{v}”不是网段（应如 10.0.0.0/8）",
                $"'{v}' in {setting} is not a network (expected e.g. 10.0.0.0/8)"))).ToList();

    private static IPAddress ParseAddress(string value) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new DomainException(new(
                $"设置 Keystone__Proxy__KnownProxies 中的“{value}”不是 IP 地址",
                $"'{value}' in Keystone__Proxy__KnownProxies is not an IP address"));
}
