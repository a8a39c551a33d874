using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Web;

/// <summary>
/// The <see cref="Caller"/> of the current request, for endpoints and pages to scope every query by.
/// Until accounts land (issue 6) every request is the province administrator of the single province.
/// </summary>
public static class CallerAccess
{
    public static IServiceCollection AddCaller(this IServiceCollection services) =>
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var root = db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Id).FirstOrDefault();
            return new Caller("anonymous", Role.ProvinceAdmin, root);
        });
}
