using Keystone.Core.Enterprises;
using Keystone.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>The database shape of the register and the service around it (called once from AppDbContext).</summary>
public static class EnterpriseModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Enterprise>(b =>
        {
            b.Property(e => e.IndustryCode).HasMaxLength(8);
            b.Property(e => e.IndustryName).HasMaxLength(EnterpriseProfile.MaxTextLength);
            b.Property(e => e.Address).HasMaxLength(EnterpriseProfile.MaxTextLength);
            b.Property(e => e.Contact).HasMaxLength(EnterpriseProfile.MaxTextLength);
            b.Property(e => e.Phone).HasMaxLength(EnterpriseProfile.MaxTextLength);
            b.Property(e => e.LiaisonName).HasMaxLength(Liaison.MaxLength);
            b.Property(e => e.LiaisonDepartment).HasMaxLength(Liaison.MaxLength);
            b.HasOne<Accounts.User>().WithMany().HasForeignKey(e => e.LiaisonUserId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(e => e.LiaisonUserId);
            b.Ignore(e => e.Profile);
            b.Ignore(e => e.Liaison);
        });

        modelBuilder.Entity<EnterpriseVisit>(b =>
        {
            b.ToTable("enterprise_visits");
            b.HasIndex(v => new { v.OrgUnitId, v.VisitedOn });
            b.HasIndex(v => new { v.EnterpriseId, v.VisitedOn });
            b.HasOne(v => v.Enterprise).WithMany().HasForeignKey(v => v.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Units.OrgUnit>().WithMany().HasForeignKey(v => v.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Accounts.User>().WithMany().HasForeignKey(v => v.VisitorUserId).OnDelete(DeleteBehavior.SetNull);
            b.Property(v => v.Visitor).HasMaxLength(EnterpriseVisit.MaxNameLength);
            b.Property(v => v.Met).HasMaxLength(EnterpriseVisit.MaxNameLength);
            b.Property(v => v.Topics).HasMaxLength(EnterpriseVisit.MaxTextLength);
            b.Property(v => v.RecordedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<VisitProblem>(b =>
        {
            b.ToTable("visit_problems");
            b.HasKey(v => new { v.VisitId, v.ProblemId });
            b.HasIndex(v => v.ProblemId).IsUnique();
            b.HasOne<EnterpriseVisit>().WithMany().HasForeignKey(v => v.VisitId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Problems.Problem>().WithMany().HasForeignKey(v => v.ProblemId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EnterpriseMonth>(b =>
        {
            b.ToTable("enterprise_months");
            b.HasIndex(m => new { m.EnterpriseId, m.Period }).IsUnique();
            b.HasOne(m => m.Enterprise).WithMany().HasForeignKey(m => m.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.ReportedBy).HasMaxLength(64);
            b.Property(m => m.ReviewedBy).HasMaxLength(64);
            b.Property(m => m.ReviewComment).HasMaxLength(500);
            b.Property(m => m.Source).HasMaxLength(16);
        });

        modelBuilder.Entity<PoolEntry>(b =>
        {
            b.ToTable("pool_entries");
            b.HasIndex(p => p.OrgUnitId);
            b.HasIndex(p => p.EnterpriseId);
            b.HasIndex(p => p.ProjectId);
            b.HasOne<Units.OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(p => p.Enterprise).WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(p => p.Project).WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.Property(p => p.Sector).HasMaxLength(16);
            b.Property(p => p.Note).HasMaxLength(PoolEntry.MaxTextLength);
            b.Property(p => p.AddedBy).HasMaxLength(64);
        });
    }
}
