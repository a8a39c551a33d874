using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Projects;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Factors;

/// <summary>
/// The writes to one project's factor sheet and approval checklist, shared by the API and the project's
/// factor page so both check the same things and say the same words. Each reads its input, calls the
/// entity's method and saves; a refusal (<see cref="ValidationException"/>, <see cref="DomainException"/>,
/// <see cref="NotFoundException"/>) is thrown before anything is saved. Each takes the caller's check of the
/// version its request was made from (乐观并发), run on the record as read before it is changed; the sheet's
/// version covers its lines, a procedure item has its own.
/// </summary>
public static class FactorEdits
{
    public static async Task RecordLandAsync(AppDbContext db, Project project, LandInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var errors = new List<DomainException>();
        var needed = input.NeededMu is { } mu ? ApiSupport.Try(errors, "neededMu", () => Area.FromMu(mu)) : project.LandArea;
        if (needed is null && input.NeededMu is null)
        {
            errors.Add(new(new("用地需求（亩）不能为空（项目未填占地面积）", "The land needed (亩) is required (the project has no land area)"), "neededMu"));
        }

        var stage = string.IsNullOrWhiteSpace(input.Stage) ? LandStage.NotStarted : ApiSupport.Try(errors, "stage", () => FactorVocabulary.ParseLandStage(input.Stage));
        var supplied = input.SuppliedMu is { } s ? ApiSupport.Try(errors, "suppliedMu", () => Area.FromMu(s)) : null;
        ApiSupport.ThrowIfAny(errors);
        var sheet = await SheetAsync(db, project, check, ct);
        sheet.RecordLand(needed!.Value, stage!.Value, supplied, input.SuppliedOn);
        await db.SaveChangesAsync(ct);
    }

    public static async Task RecordEnergyAsync(AppDbContext db, Project project, EnergyInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.NeededTce is not null, "neededTce", "能耗需求（吨标准煤）", "The energy need (tce)");
        var review = string.IsNullOrWhiteSpace(input.Review) ? EnergyReview.NotStarted : ApiSupport.Try(errors, "review", () => FactorVocabulary.ParseEnergyReview(input.Review));
        ApiSupport.ThrowIfAny(errors);
        var sheet = await SheetAsync(db, project, check, ct);
        sheet.RecordEnergy(input.NeededTce!.Value, review!.Value, input.ApprovedTce);
        await db.SaveChangesAsync(ct);
    }

    public static async Task RecordFundsAsync(AppDbContext db, Project project, string source, FundsInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var errors = new List<DomainException>();
        var kind = ApiSupport.Try(errors, "source", () => FactorVocabulary.ParseSource(source));
        var applied = ApiSupport.Amount(errors, input.Applied ?? 0, "applied", "申请资金", "The amount applied for");
        var approved = ApiSupport.Amount(errors, input.Approved ?? 0, "approved", "批复资金", "The amount approved");
        var received = ApiSupport.Amount(errors, input.Received ?? 0, "received", "到位资金", "The amount received");
        ApiSupport.ThrowIfAny(errors);
        var sheet = await SheetAsync(db, project, check, ct);
        sheet.RecordFunds(kind!.Value, applied!.Value, approved!.Value, received!.Value);
        await db.SaveChangesAsync(ct);
    }

    public static async Task RecordEmissionAsync(AppDbContext db, Project project, string pollutant, EmissionInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var sheet = await SheetAsync(db, project, check, ct);
        sheet.RecordEmission(pollutant, input.Needed ?? 0, input.Obtained ?? 0);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The project's sheet, checked against the version the edit was made from: 0 while the project has none.</summary>
    private static async Task<ProjectFactors> SheetAsync(AppDbContext db, Project project, Func<IVersioned, Task>? check, CancellationToken ct)
    {
        var sheet = await FactorDesk.SheetAsync(db, project, ct);
        if (check is not null)
        {
            await check(db.Entry(sheet).State == EntityState.Added ? Concurrency.Unsaved.Instance : sheet);
        }

        return sheet;
    }

    /// <summary>Adds the items of the project's category template it lacks, or (with a kind) one item; answers how many were added.</summary>
    public static async Task<int> AddProceduresAsync(AppDbContext db, Project project, ProcedureInput? input, CancellationToken ct)
    {
        int added;
        if (input?.Kind is not { Length: > 0 } kindText)
        {
            added = (await FactorDesk.StartChecklistAsync(db, project, ct)).Count;
        }
        else
        {
            var kind = ProcedureTemplates.ParseKind(kindText);
            var item = new ProcedureItem(project.Id, kind, input.Name, string.IsNullOrWhiteSpace(input.Department) ? ProcedureTemplates.Department(kind) : input.Department);
            if (await db.ProcedureItems.AnyAsync(i => i.ProjectId == project.Id && i.Name == item.Name, ct))
            {
                throw new DomainException(new($"项目已有“{item.Name}”", $"The project already has \"{item.Name}\""), "name");
            }

            db.ProcedureItems.Add(item);
            added = 1;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Records the application of an item: its date (today if none), how it is handled, and the department if another.</summary>
    public static Task<ProcedureItem> ApplyAsync(AppDbContext db, Project project, string item, ApplyInput input, DateOnly today, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var mode = string.IsNullOrWhiteSpace(input.Mode) ? HandlingMode.Normal : ProcedureTemplates.ParseMode(input.Mode);
        var handling = new ProcedureHandling
        {
            Mode = mode,
            MissingPapers = input.MissingPapers,
            SupplyBy = input.SupplyBy,
            Commitment = input.Commitment,
            VerifyBy = input.VerifyBy,
            Agent = input.Agent,
        };
        return ChangeAsync(db, project, item, i => i.Apply(input.On ?? today, handling, input.Department), ct, check);
    }

    public static Task<ProcedureItem> ApproveAsync(AppDbContext db, Project project, string item, DateInput input, DateOnly today, CancellationToken ct, Func<IVersioned, Task>? check = null) =>
        ChangeAsync(db, project, item, i => i.Approve(input.On ?? today), ct, check);

    public static Task<ProcedureItem> SupplyAsync(AppDbContext db, Project project, string item, DateInput input, DateOnly today, CancellationToken ct, Func<IVersioned, Task>? check = null) =>
        ChangeAsync(db, project, item, i => i.SupplyMissingPapers(input.On ?? today), ct, check);

    public static Task<ProcedureItem> VerifyAsync(AppDbContext db, Project project, string item, DateInput input, DateOnly today, CancellationToken ct, Func<IVersioned, Task>? check = null) =>
        ChangeAsync(db, project, item, i => i.VerifyCommitment(input.On ?? today), ct, check);

    private static async Task<ProcedureItem> ChangeAsync(AppDbContext db, Project project, string item, Action<ProcedureItem> change, CancellationToken ct, Func<IVersioned, Task>? check)
    {
        var procedure = await FindItemAsync(db, project, item, ct);
        if (check is not null)
        {
            await check(procedure);
        }

        change(procedure);
        await db.SaveChangesAsync(ct);
        return procedure;
    }

    /// <summary>An item of the checklist by its name ("施工许可") or its kind ("constructionPermit").</summary>
    private static async Task<ProcedureItem> FindItemAsync(AppDbContext db, Project project, string item, CancellationToken ct)
    {
        var name = item.Trim();
        var items = await db.ProcedureItems.Include(i => i.Project).Where(i => i.ProjectId == project.Id).ToListAsync(ct);
        var found = items.FirstOrDefault(i => i.Name == name);
        if (found is null)
        {
            try
            {
                var kind = ProcedureTemplates.ParseKind(name);
                found = items.Where(i => i.Kind == kind).ToList() is [var only] ? only : null;
            }
            catch (DomainException)
            {
                found = null;
            }
        }

        return found ?? throw new NotFoundException(new($"项目“{project.Code}”没有手续“{item}”", $"The project \"{project.Code}\" has no approval \"{item}\""));
    }
}
