using System.Security.Claims;
using Keystone.Core.Accounts;
using Keystone.Features.Accounts;

namespace Keystone.Web;

/// <summary>
/// The <see cref="Caller"/> of the current request, from the signed-in user's claims, for endpoints and
/// pages to scope every query by. A request without a user sees nothing (every data endpoint also
/// requires a signed-in user, so this is a second fence, not the first).
/// </summary>
public static class CallerAccess
{
    public static IServiceCollection AddCaller(this IServiceCollection services) =>
        services.AddHttpContextAccessor().AddScoped(sp => From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role)
            || !int.TryParse(user.FindFirstValue(AuthSetup.Claims.Unit), out var unit))
        {
            return new Caller("anonymous", Role.EnterpriseReporter, -1, -1);
        }

        int? enterprise = int.TryParse(user.FindFirstValue(AuthSetup.Claims.Enterprise), out var e) ? e : null;
        var department = role == Role.DepartmentOfficer ? user.FindFirstValue(AuthSetup.Claims.Department) : null;
        return new Caller(user.Identity.Name ?? "", role, unit, enterprise, department);
    }
}
