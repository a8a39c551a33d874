using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Keystone.Core.Data;

/// <summary>
/// The one model. Each provider has its own subclass only so that each has its own migration set
/// (ADR 0002); nothing provider-specific belongs here.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<AnnualPlan> AnnualPlans => Set<AnnualPlan>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    public DbSet<ReportPhoto> ReportPhotos => Set<ReportPhoto>();

    public DbSet<LedgerUpload> LedgerUploads => Set<LedgerUpload>();

    public DbSet<LightRuleSet> LightRuleSets => Set<LightRuleSet>();

    public DbSet<ClosedPeriod> ClosedPeriods => Set<ClosedPeriod>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is summed in SQL, which SQLite cannot do for decimal: store it as integer fen (ADR 0003).
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<Area>().HaveConversion<AreaConverter>().HavePrecision(18, 4);
        configurationBuilder.Properties<Period>().HaveConversion<PeriodConverter>();
        configurationBuilder.Properties<Uscc>().HaveConversion<UsccConverter>().HaveMaxLength(18);

        // Instants are stored as UTC DateTime: SQLite can compare those in SQL (not DateTimeOffset), and
        // PostgreSQL keeps them as timestamptz.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrgUnit>(b =>
        {
            b.ToTable("org_units");
            b.Property(u => u.Name).HasMaxLength(OrgUnit.MaxNameLength);
            b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
            b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(u => new { u.ParentId, u.Name }).IsUnique();
        });

        modelBuilder.Entity<Enterprise>(b =>
        {
            b.ToTable("enterprises");
            b.Property(e => e.Name).HasMaxLength(Enterprise.MaxNameLength);
            b.HasIndex(e => e.Uscc).IsUnique();
        });

        modelBuilder.Entity<Project>(b =>
        {
            b.ToTable("projects");
            b.HasIndex(p => p.Code).IsUnique();
            b.Property(p => p.Code).HasMaxLength(ProjectCode.MaxLength);
            b.HasIndex(p => new { p.OrgUnitId, p.Name });
            b.Property(p => p.Name).HasMaxLength(Project.MaxNameLength);
            b.Property(p => p.Levels).HasConversion<int>();
            b.Property(p => p.Category).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
            b.Property(p => p.IndustryChain).HasMaxLength(50);
            b.Property(p => p.Content).HasMaxLength(Project.MaxTextLength);
            b.Property(p => p.ResponsibleLeader).HasMaxLength(100);
            b.Property(p => p.ResponsibleUnit).HasMaxLength(200);
            b.Property(p => p.Contact).HasMaxLength(200);
            b.Property(p => p.ProblemsNote).HasMaxLength(Project.MaxTextLength);
            b.Property(p => p.Remarks).HasMaxLength(Project.MaxTextLength);
            b.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(p => p.Enterprise).WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(p => p.Plans).WithOne(a => a.Project).HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Reports).WithOne(r => r.Project).HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Plans).HasField("plans").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(p => p.Reports).HasField("reports").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Ignore(p => p.Facts);
            b.Ignore(p => p.FirstReportablePeriod);
            b.Ignore(p => p.Location);
        });

        modelBuilder.Entity<AnnualPlan>(b =>
        {
            b.ToTable("annual_plans");
            b.HasIndex(a => new { a.ProjectId, a.Year }).IsUnique();
            b.HasIndex(a => a.Year);
            b.Property(a => a.Nature).HasConversion<string>().HasMaxLength(16);
            b.Ignore(a => a.Entry);
        });

        modelBuilder.Entity<ProgressReport>(b =>
        {
            b.ToTable("progress_reports");
            b.HasIndex(r => new { r.ProjectId, r.Period }).IsUnique();
            b.Property(r => r.ImageProgress).HasMaxLength(Project.MaxTextLength);
            b.Property(r => r.CorrectionReason).HasMaxLength(500);
            b.Property(r => r.ProblemsMet).HasMaxLength(Project.MaxTextLength);
            b.Ignore(r => r.Figures);
        });

        modelBuilder.Entity<ReportPhoto>(b =>
        {
            b.ToTable("report_photos");
            b.HasIndex(p => new { p.ProjectId, p.Period });
            b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Property(p => p.FileName).HasMaxLength(ReportPhoto.MaxFileNameLength);
            b.Property(p => p.ContentType).HasMaxLength(32);
            b.Ignore(p => p.Location);
        });

        modelBuilder.Entity<LightRuleSet>(b =>
        {
            b.ToTable("light_rule_sets");
            b.HasIndex(r => r.OrgUnitId).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.Property(r => r.RulesJson).HasMaxLength(4000);
            b.Ignore(r => r.Rules);
        });

        modelBuilder.Entity<ClosedPeriod>(b =>
        {
            b.ToTable("closed_periods");
            b.HasIndex(c => new { c.OrgUnitId, c.Period }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.ClosedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<LedgerUpload>(b =>
        {
            b.ToTable("ledger_uploads");
            b.Property(u => u.FileName).HasMaxLength(200);
            b.HasIndex(u => u.UploadedAt);
        });
    }

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, f => Money.FromFen(f));

    private sealed class AreaConverter() : ValueConverter<Area, decimal>(a => a.SquareMetres, m => new Area(m));

    private sealed class PeriodConverter() : ValueConverter<Period, int>(p => p.Key, k => Period.FromKey(k));

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTime>(d => d.UtcDateTime, d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

    private sealed class UsccConverter() : ValueConverter<Uscc, string>(u => u.Value, s => new Uscc(s));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
