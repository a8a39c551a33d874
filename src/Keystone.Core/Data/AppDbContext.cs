using Keystone.Core.Accounts;
using Keystone.Core.Calendar;
using Keystone.Core.Enterprises;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Indicators;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Notifications;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;
using Keystone.Core.Targets;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Keystone.Core.Data;

/// <summary>
/// The one model. Each provider has its own subclass only so that each has its own migration set
/// (ADR 0002); nothing provider-specific belongs here.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Who the audit log names for the changes this context saves: the signed-in user, or the CLI's operator.</summary>
    public string Actor { get; set; } = "system";

    /// <summary>The clock the audit log stamps changes with.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// A new context on the same database with the same options — its own connection, the replica when this one reads
    /// the replica — for a read that runs beside this context's; the caller disposes it.
    /// </summary>
    public abstract AppDbContext Sibling();

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ProjectSchedule> Schedules => Set<ProjectSchedule>();

    public DbSet<ProjectWorkItem> WorkItems => Set<ProjectWorkItem>();

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    public DbSet<EnterpriseProposal> EnterpriseProposals => Set<EnterpriseProposal>();

    public DbSet<EnterpriseVisit> EnterpriseVisits => Set<EnterpriseVisit>();

    public DbSet<VisitProblem> VisitProblems => Set<VisitProblem>();

    public DbSet<EnterpriseMonth> EnterpriseMonths => Set<EnterpriseMonth>();

    public DbSet<PoolEntry> PoolEntries => Set<PoolEntry>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<AnnualPlan> AnnualPlans => Set<AnnualPlan>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    public DbSet<FigureRollup> FigureRollups => Set<FigureRollup>();

    public DbSet<RollupYear> RollupYears => Set<RollupYear>();

    public DbSet<ClosedRollup> ClosedRollups => Set<ClosedRollup>();

    public DbSet<ReportPhoto> ReportPhotos => Set<ReportPhoto>();

    public DbSet<ReportReminder> ReportReminders => Set<ReportReminder>();

    public DbSet<LedgerUpload> LedgerUploads => Set<LedgerUpload>();

    public DbSet<LightRuleSet> LightRuleSets => Set<LightRuleSet>();

    public DbSet<ClosedPeriod> ClosedPeriods => Set<ClosedPeriod>();

    public DbSet<Problem> Problems => Set<Problem>();

    public DbSet<ProblemStep> ProblemSteps => Set<ProblemStep>();

    public DbSet<SupervisionNotice> SupervisionNotices => Set<SupervisionNotice>();

    public DbSet<ProjectFactors> ProjectFactors => Set<ProjectFactors>();

    public DbSet<ProcedureItem> ProcedureItems => Set<ProcedureItem>();

    public DbSet<CalendarEntry> CalendarDays => Set<CalendarEntry>();

    public DbSet<GroupRobot> GroupRobots => Set<GroupRobot>();

    public DbSet<NotificationMessage> NotificationMessages => Set<NotificationMessage>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<Promotion.Lead> Leads => Set<Promotion.Lead>();

    public DbSet<Promotion.LeadFollowUp> LeadFollowUps => Set<Promotion.LeadFollowUp>();

    public DbSet<Promotion.PromotionTask> PromotionTasks => Set<Promotion.PromotionTask>();

    public DbSet<Promotion.TargetEnterprise> PromotionTargets => Set<Promotion.TargetEnterprise>();

    public DbSet<Promotion.KeyInvestor> KeyInvestors => Set<Promotion.KeyInvestor>();

    public DbSet<Promotion.PromotionChain> PromotionChains => Set<Promotion.PromotionChain>();

    public DbSet<Promotion.PromotionEvent> PromotionEvents => Set<Promotion.PromotionEvent>();
    public DbSet<UnitTarget> UnitTargets => Set<UnitTarget>();
    public DbSet<Meetings.Meeting> Meetings => Set<Meetings.Meeting>();

    public DbSet<Meetings.MeetingDecision> MeetingDecisions => Set<Meetings.MeetingDecision>();

    public DbSet<Inspections.Inspection> Inspections => Set<Inspections.Inspection>();

    public DbSet<Inspections.InspectionInstruction> InspectionInstructions => Set<Inspections.InspectionInstruction>();

    public DbSet<Campaigns.Campaign> Campaigns => Set<Campaigns.Campaign>();

    public DbSet<Campaigns.StartEvent> StartEvents => Set<Campaigns.StartEvent>();

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

    /// <summary>
    /// Saves, first moving the version of each edited record on (<see cref="Versioning"/>). Changes are
    /// detected once, here, and EF's own detection in the save is skipped: on an import's thousands of tracked
    /// rows a second scan is the save's largest cost.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <inheritdoc cref="SaveChanges(bool)"/>
    /// <remarks>
    /// A save that changes plan rows (projects, plan entries, reports) brings the figure rollups of their units up to
    /// date in the same transaction (<see cref="Rollups"/>; one is begun when the caller has none), so the figures
    /// never read sums older than the rows.
    /// </remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            PrepareSave(auto);
            var touched = RollupTouches.Collect(ChangeTracker);
            var refresh = !touched.IsEmpty && !Rollups.Deferred;
            var logAfter = AuditInterceptor.LogsAfterSave(ChangeTracker);
            if (logAfter && !acceptAllChangesOnSuccess)
            {
                // The log entries' own save would save the unaccepted changes again.
                throw new NotSupportedException("A save that creates things together with what they belong to accepts its changes");
            }

            if (!refresh)
            {
                Rollups.Keep(touched);
                if (!logAfter)
                {
                    return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                }
            }

            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (AuditAfterSave.Count > 0)
            {
                // The log entries of what pointed at something new, now that the save gave it its id: same transaction.
                AuditEntries.AddRange(AuditAfterSave.Select(entry => entry()));
                AuditAfterSave.Clear();
                await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            if (refresh)
            {
                await Desk.RollupData.RefreshAsync(this, touched, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// Log entries the audit interceptor holds until the save has given ids to what they point at (an entity saved with
    /// the new one it belongs to): written by <see cref="SaveChangesAsync(bool, CancellationToken)"/> right after, in its transaction.
    /// </summary>
    internal List<Func<AuditEntry>> AuditAfterSave { get; } = [];

    /// <summary>The figure rollups' bookkeeping for this context: what its saves touched, and whether refreshing waits (an import).</summary>
    public RollupTouches Rollups { get; } = new();

    private void PrepareSave(bool detect)
    {
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        Versioning.Bump(ChangeTracker);
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
            b.HasIndex(e => e.OwnerUnitId);
            b.HasOne(e => e.OwnerUnit).WithMany().HasForeignKey(e => e.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        });
        Keystone.Core.Enterprises.Service.EnterpriseModel.Configure(modelBuilder);

        modelBuilder.Entity<EnterpriseProposal>(b =>
        {
            b.ToTable("enterprise_proposals");
            b.HasIndex(p => new { p.EnterpriseId, p.Status });
            b.HasIndex(p => p.ProposedByUnitId);
            b.HasOne(p => p.Enterprise).WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.ProposedByUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(p => p.Name).HasMaxLength(Enterprise.MaxNameLength);
            b.Property(p => p.Reason).HasMaxLength(EnterpriseProposal.MaxTextLength);
            b.Property(p => p.Comment).HasMaxLength(EnterpriseProposal.MaxTextLength);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.ProposedBy).HasMaxLength(64);
            b.Property(p => p.DecidedBy).HasMaxLength(64);
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
            b.HasOne(p => p.Parent).WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
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
            // No index on Year alone: every project has an entry for the current year, so it selects nothing
            // and only tempts SQLite's planner away from the unit index when a zone's figures are read.
            b.HasIndex(a => new { a.ProjectId, a.Year }).IsUnique();
            b.Property(a => a.Nature).HasConversion<string>().HasMaxLength(16);
            b.Property(a => a.CorrectionReason).HasMaxLength(Corrections.MaxReasonLength);
            b.Property(a => a.CorrectedBy).HasMaxLength(64);
            b.Ignore(a => a.Entry);
        });

        modelBuilder.Entity<ProgressReport>(b =>
        {
            b.ToTable("progress_reports");
            b.HasIndex(r => new { r.ProjectId, r.Period }).IsUnique();
            // The approved reports that say something of the works (形象进度), for the briefing's latest text per project:
            // a province's tens of thousands of list projects are each one seek here, not a walk through every report.
            b.HasIndex(r => new { r.ProjectId, r.Period }, "IX_progress_reports_ImageProgress")
                .HasFilter("\"ImageProgress\" IS NOT NULL AND \"Status\" = 'Approved'");
            b.Property(r => r.ImageProgress).HasMaxLength(Project.MaxTextLength);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ReportStatus.Approved).HasSentinel((ReportStatus)(-1));
            b.Property(r => r.ReportedBy).HasMaxLength(64);
            b.Property(r => r.ReviewedBy).HasMaxLength(64);
            b.Property(r => r.ReviewComment).HasMaxLength(500);
            b.Property(r => r.CorrectionReason).HasMaxLength(Corrections.MaxReasonLength);
            b.Property(r => r.ProblemsMet).HasMaxLength(Project.MaxTextLength);
            b.Ignore(r => r.Figures);
        });

        modelBuilder.Entity<FigureRollup>(b =>
        {
            b.ToTable("figure_rollups");
            b.HasKey(r => new { r.OrgUnitId, r.Year, r.Subtree, r.Slice });
        });

        modelBuilder.Entity<RollupYear>(b =>
        {
            b.ToTable("rollup_years");
            b.HasKey(r => r.Year);
            b.Property(r => r.Year).ValueGeneratedNever();
        });

        modelBuilder.Entity<ClosedRollup>(b =>
        {
            b.ToTable("closed_rollups");
            b.HasKey(r => new { r.ClosedPeriodId, r.OrgUnitId, r.Slice });
            b.HasOne<ClosedPeriod>().WithMany().HasForeignKey(r => r.ClosedPeriodId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReportReminder>(b =>
        {
            b.ToTable("report_reminders");
            b.HasIndex(r => new { r.ProjectId, r.Period });
            b.Property(r => r.RemindedBy).HasMaxLength(64);
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

        modelBuilder.Entity<UnitTarget>(b =>
        {
            b.ToTable("unit_targets");
            b.HasIndex(t => new { t.OrgUnitId, t.Year }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.Property(t => t.StartRate).HasPrecision(9, 4);
            b.Property(t => t.ResumeRate).HasPrecision(9, 4);
            b.Property(t => t.Growth).HasPrecision(9, 4);
            b.Ignore(t => t.Values);
        });

        modelBuilder.Entity<LightRuleSet>(b =>
        {
            b.ToTable("light_rule_sets");
            b.HasIndex(r => r.OrgUnitId).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.Property(r => r.RulesJson).HasMaxLength(4000);
            b.Ignore(r => r.Rules);
        });

        modelBuilder.Entity<CalendarEntry>(b =>
        {
            b.ToTable("calendar_days");
            b.HasKey(d => d.Date);
            b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(d => d.Name).HasMaxLength(CalendarEntry.MaxNameLength);
            b.Property(d => d.ImportedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<ClosedPeriod>(b =>
        {
            b.ToTable("closed_periods");
            b.HasIndex(c => new { c.OrgUnitId, c.Period }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.ClosedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<User>(b =>
        {
            b.ToTable("users");
            b.HasIndex(u => u.UserName).IsUnique();
            b.Property(u => u.UserName).HasMaxLength(User.MaxNameLength);
            b.Property(u => u.Role).HasConversion<string>().HasMaxLength(24);
            b.Property(u => u.PasswordHash).HasMaxLength(200);
            b.Property(u => u.SecurityStamp).HasMaxLength(64);
            b.Property(u => u.Department).HasMaxLength(100);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Enterprise>().WithMany().HasForeignKey(u => u.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(u => u.Caller);
        });

        modelBuilder.Entity<ApiToken>(b =>
        {
            b.ToTable("api_tokens");
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.Property(t => t.TokenHash).HasMaxLength(64);
            b.Property(t => t.UserStamp).HasMaxLength(64);
            b.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<UserSession>(b =>
        {
            b.ToTable("user_sessions");
            b.HasIndex(s => s.UserId);
            b.Property(s => s.Address).HasMaxLength(UserSession.MaxAddressLength);
            b.Property(s => s.Client).HasMaxLength(UserSession.MaxClientLength);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            b.Ignore(s => s.IsLive);
        });

        modelBuilder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("data_protection_keys");
            b.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_log");
            b.HasIndex(a => new { a.Entity, a.EntityKey });
            b.HasIndex(a => a.At);
            // A unit's log (GET /api/audit?unit=): the units of a scope, newest first, within dates.
            b.HasIndex(a => new { a.OrgUnitId, a.At });
            b.Property(a => a.Actor).HasMaxLength(64);
            b.Property(a => a.Entity).HasMaxLength(32);
            b.Property(a => a.EntityKey).HasMaxLength(200);
            b.Property(a => a.Action).HasMaxLength(32);
            b.Property(a => a.Reason).HasMaxLength(500);
        });

        modelBuilder.Entity<ProjectSchedule>(b =>
        {
            b.ToTable("project_schedules");
            b.HasIndex(s => s.ProjectId).IsUnique();
            b.HasOne(s => s.Project).WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Ignore(s => s.Plan);
        });

        modelBuilder.Entity<ProjectWorkItem>(b =>
        {
            b.ToTable("project_work_items");
            b.HasIndex(w => w.ProjectId);
            b.HasOne(w => w.Project).WithMany().HasForeignKey(w => w.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Property(w => w.Group).HasMaxLength(50);
            b.Property(w => w.Name).HasMaxLength(100);
            b.Property(w => w.Stage).HasConversion<string>().HasMaxLength(20);
            b.Property(w => w.Percent).HasPrecision(5, 2);
            b.Ignore(w => w.Item);
        });

        ConfigureClearingTheWay(modelBuilder);
        ConfigureNotifications(modelBuilder);
        IndicatorModel.Configure(modelBuilder);
        PromotionModel.Configure(modelBuilder);
        PromotionEventModel.Configure(modelBuilder);

        modelBuilder.Entity<LedgerUpload>(b =>
        {
            b.ToTable("ledger_uploads");
            b.Property(u => u.FileName).HasMaxLength(200);
            b.Property(u => u.UploadedBy).HasMaxLength(LedgerUpload.MaxUserNameLength);
            b.HasIndex(u => u.UploadedAt);
        });

        Versioning.ConfigureAll(modelBuilder);
    }

    /// <summary>Problems and their supervision, factor sheets and approval checklists (解难题, 要素保障, 前期手续).</summary>
    private static void ConfigureClearingTheWay(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Problem>(b =>
        {
            b.ToTable("problems");
            b.HasIndex(p => p.Number).IsUnique();
            b.HasIndex(p => new { p.Year, p.Sequence }).IsUnique();
            b.HasIndex(p => new { p.OrgUnitId, p.Status });
            b.HasIndex(p => new { p.Department, p.Status });
            b.HasIndex(p => p.ProjectId);
            // A report's 存在问题 becomes one problem at most: two officers pressing at once cannot make two.
            b.HasIndex(p => p.ReportId).IsUnique();
            b.HasOne<ProgressReport>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.SetNull);
            b.Property(p => p.Number).HasMaxLength(16);
            b.Property(p => p.Title).HasMaxLength(Problem.MaxTitleLength);
            b.Property(p => p.Detail).HasMaxLength(Problem.MaxTextLength);
            b.Property(p => p.Category).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.Source).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.Satisfaction).HasConversion<string>().HasMaxLength(24);
            b.Property(p => p.Visitor).HasMaxLength(Problem.MaxNameLength);
            b.Property(p => p.VisitMet).HasMaxLength(Problem.MaxNameLength);
            b.Property(p => p.Leader).HasMaxLength(Problem.MaxNameLength);
            b.Property(p => p.LeaderWords).HasMaxLength(Problem.MaxTextLength);
            b.Property(p => p.MeetingTitle).HasMaxLength(Problem.MaxTitleLength);
            b.Property(p => p.RaisedBy).HasMaxLength(64);
            b.Property(p => p.Department).HasMaxLength(Problem.MaxNameLength);
            b.Property(p => p.AnswerText).HasMaxLength(Problem.MaxTextLength);
            b.Property(p => p.Comment).HasMaxLength(Problem.MaxTextLength);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(p => p.Project).WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(p => p.Enterprise).WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(p => p.Steps).WithOne(s => s.Problem).HasForeignKey(s => s.ProblemId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(p => p.Notices).WithOne(n => n.Problem).HasForeignKey(n => n.ProblemId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(p => p.Steps).HasField("steps").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(p => p.Notices).HasField("notices").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Ignore(p => p.Origin);
            b.Ignore(p => p.Timeline);
            b.Ignore(p => p.IsInstruction);
            b.Ignore(p => p.IsDecision);
        });

        modelBuilder.Entity<ProblemStep>(b =>
        {
            b.ToTable("problem_steps");
            b.HasIndex(s => new { s.ProblemId, s.Sequence }).IsUnique();
            b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(s => s.By).HasMaxLength(64);
            b.Property(s => s.Department).HasMaxLength(Problem.MaxNameLength);
            b.Property(s => s.Text).HasMaxLength(Problem.MaxTextLength);
            b.Property(s => s.Satisfaction).HasConversion<string>().HasMaxLength(24);
        });

        modelBuilder.Entity<SupervisionNotice>(b =>
        {
            b.ToTable("supervision_notices");
            b.HasIndex(n => new { n.IssuingUnitId, n.Year, n.Number }).IsUnique();
            b.HasIndex(n => new { n.ProblemId, n.Sequence }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(n => n.IssuingUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(n => n.Reference).HasMaxLength(150);
            b.Property(n => n.Department).HasMaxLength(Problem.MaxNameLength);
            b.Property(n => n.Addressee).HasMaxLength(OrgUnit.MaxNameLength);
            b.Property(n => n.Requirement).HasMaxLength(SupervisionNotice.MaxTextLength);
            b.Property(n => n.IssuedBy).HasMaxLength(64);
            b.Property(n => n.ReplyText).HasMaxLength(SupervisionNotice.MaxTextLength);
            b.Property(n => n.RepliedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<ProjectFactors>(b =>
        {
            b.ToTable("project_factors");
            b.HasIndex(f => f.ProjectId).IsUnique();
            b.HasOne(f => f.Project).WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Property(f => f.LandStage).HasConversion<string>().HasMaxLength(16);
            b.Property(f => f.EnergyReview).HasConversion<string>().HasMaxLength(16);
            b.Property(f => f.EnergyNeeded).HasPrecision(18, 4);
            b.Property(f => f.EnergyApproved).HasPrecision(18, 4);
            b.HasMany(f => f.Funds).WithOne().HasForeignKey(l => l.ProjectFactorsId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(f => f.Emissions).WithOne().HasForeignKey(e => e.ProjectFactorsId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(f => f.Funds).HasField("funds").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(f => f.Emissions).HasField("emissions").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<FundLine>(b =>
        {
            b.ToTable("project_funds");
            b.HasIndex(l => new { l.ProjectFactorsId, l.Source }).IsUnique();
            b.Property(l => l.Source).HasConversion<string>().HasMaxLength(24);
        });

        modelBuilder.Entity<EmissionQuota>(b =>
        {
            b.ToTable("project_emissions");
            b.HasIndex(e => new { e.ProjectFactorsId, e.Pollutant }).IsUnique();
            b.Property(e => e.Pollutant).HasMaxLength(Factors.ProjectFactors.MaxPollutantLength);
            b.Property(e => e.Needed).HasPrecision(18, 4);
            b.Property(e => e.Obtained).HasPrecision(18, 4);
        });

        modelBuilder.Entity<ProcedureItem>(b =>
        {
            b.ToTable("procedure_items");
            b.HasIndex(i => new { i.ProjectId, i.Name }).IsUnique();
            b.HasOne(i => i.Project).WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
            b.Property(i => i.Mode).HasConversion<string>().HasMaxLength(24);
            b.Property(i => i.Name).HasMaxLength(ProcedureItem.MaxNameLength);
            b.Property(i => i.Department).HasMaxLength(100);
            b.Property(i => i.MissingPapers).HasMaxLength(ProcedureItem.MaxTextLength);
            b.Property(i => i.Commitment).HasMaxLength(ProcedureItem.MaxTextLength);
            b.Property(i => i.Agent).HasMaxLength(100);
            b.Ignore(i => i.Status);
        });
    }

    /// <summary>Group robots per unit and the record of what was sent to them (keystone notify).</summary>
    private static void ConfigureNotifications(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GroupRobot>(b =>
        {
            b.ToTable("group_robots");
            b.HasIndex(r => r.OrgUnitId);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Name).HasMaxLength(GroupRobot.MaxNameLength);
            b.Property(r => r.WebhookHint).HasMaxLength(GroupRobot.MaxWebhookLength);
            // Protected values are longer than what they protect (a header, the key id, the MAC, Base64).
            b.Property(r => r.ProtectedWebhook).HasMaxLength(4000);
            b.Property(r => r.ProtectedSecret).HasMaxLength(2000);
            b.Ignore(r => r.HasSecret);
        });

        modelBuilder.Entity<NotificationMessage>(b =>
        {
            b.ToTable("notification_messages");
            // One item once per robot and day: the sweep's dedupe.
            b.HasIndex(m => new { m.RobotId, m.Subject, m.Day }).IsUnique();
            b.HasIndex(m => new { m.Status, m.RobotId });
            b.HasIndex(m => new { m.OrgUnitId, m.CreatedAt });
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<GroupRobot>().WithMany().HasForeignKey(m => m.RobotId).OnDelete(DeleteBehavior.SetNull);
            b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.Subject).HasMaxLength(NotificationMessage.MaxSubjectLength);
            b.Property(m => m.Body).HasMaxLength(NotificationMessage.MaxBodyLength);
            b.Property(m => m.LastError).HasMaxLength(NotificationMessage.MaxErrorLength);
        });

        MeetingsModel.Configure(modelBuilder);
        CampaignsModel.Configure(modelBuilder);
    }

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, f => Money.FromFen(f));

    private sealed class AreaConverter() : ValueConverter<Area, decimal>(a => a.SquareMetres, m => new Area(m));

    private sealed class PeriodConverter() : ValueConverter<Period, int>(p => p.Key, k => Period.FromKey(k));

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTime>(d => d.UtcDateTime, d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

    private sealed class UsccConverter() : ValueConverter<Uscc, string>(u => u.Value, s => new Uscc(s));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override AppDbContext Sibling() => new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)this.GetService<IDbContextOptions>()) { Actor = Actor, Clock = Clock };
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override AppDbContext Sibling() => new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)this.GetService<IDbContextOptions>()) { Actor = Actor, Clock = Clock };
}
