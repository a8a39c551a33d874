using Keystone.Core.Projects;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>The promotion desk's tables (招商引资): leads and their follow-ups, the annual tasks, the libraries and the chains.</summary>
internal static class PromotionModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Lead>(b =>
        {
            b.ToTable("leads");
            b.HasIndex(l => new { l.OrgUnitId, l.Stage });
            b.HasIndex(l => new { l.OrgUnitId, l.Name });
            b.HasIndex(l => l.Uscc);
            // One lead per project: the link read both ways (a project's lead, a lead's project).
            b.HasIndex(l => l.ProjectId).IsUnique();
            b.Property(l => l.Name).HasMaxLength(Lead.MaxNameLength);
            b.Property(l => l.Investor).HasMaxLength(Lead.MaxNameLength);
            b.Property(l => l.Chain).HasMaxLength(Lead.MaxShortLength);
            b.Property(l => l.Link).HasMaxLength(Lead.MaxShortLength);
            b.Property(l => l.LandMu).HasPrecision(18, 4);
            b.Property(l => l.EnergyTce).HasPrecision(18, 4);
            b.Property(l => l.Channel).HasConversion<string>().HasMaxLength(16);
            b.Property(l => l.Stage).HasConversion<int>();
            b.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
            b.Property(l => l.Referrer).HasMaxLength(Lead.MaxNameLength);
            b.Property(l => l.Platform).HasMaxLength(Lead.MaxNameLength);
            b.Property(l => l.Officer).HasMaxLength(Lead.MaxShortLength);
            b.Property(l => l.Remarks).HasMaxLength(Lead.MaxTextLength);
            b.Property(l => l.ContractTerms).HasMaxLength(Lead.MaxTextLength);
            b.Property(l => l.HaltReason).HasMaxLength(Lead.MaxTextLength);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(l => l.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.SetNull);
            b.HasMany(l => l.FollowUps).WithOne(f => f.Lead).HasForeignKey(f => f.LeadId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(l => l.FollowUps).HasField("followUps").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Ignore(l => l.Facts);
            b.Ignore(l => l.InvestorKey);
        });

        modelBuilder.Entity<LeadFollowUp>(b =>
        {
            b.ToTable("lead_follow_ups");
            b.HasIndex(f => new { f.LeadId, f.Sequence }).IsUnique();
            b.HasIndex(f => f.On);
            b.Property(f => f.Who).HasMaxLength(Lead.MaxShortLength);
            b.Property(f => f.Method).HasConversion<string>().HasMaxLength(16);
            b.Property(f => f.What).HasMaxLength(Lead.MaxTextLength);
            b.Property(f => f.NextStep).HasMaxLength(Lead.MaxTextLength);
            b.Property(f => f.RecordedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<PromotionTask>(b =>
        {
            b.ToTable("promotion_tasks");
            b.HasIndex(t => new { t.OrgUnitId, t.Year }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            b.Ignore(t => t.Figures);
        });

        modelBuilder.Entity<TargetEnterprise>(b =>
        {
            b.ToTable("promotion_targets");
            b.HasIndex(t => new { t.OrgUnitId, t.Name }).IsUnique();
            b.Property(t => t.Name).HasMaxLength(Lead.MaxNameLength);
            b.Property(t => t.Chain).HasMaxLength(Lead.MaxShortLength);
            b.Property(t => t.Link).HasMaxLength(Lead.MaxShortLength);
            b.Property(t => t.Size).HasMaxLength(Lead.MaxShortLength);
            b.Property(t => t.Headquarters).HasMaxLength(Lead.MaxShortLength);
            b.Property(t => t.Approacher).HasMaxLength(Lead.MaxShortLength);
            b.Property(t => t.Why).HasMaxLength(Lead.MaxTextLength);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(t => t.Lead).WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.SetNull);
            b.Ignore(t => t.Facts);
        });

        modelBuilder.Entity<KeyInvestor>(b =>
        {
            b.ToTable("key_investors");
            b.HasIndex(i => new { i.OrgUnitId, i.Name });
            b.Property(i => i.Name).HasMaxLength(Lead.MaxShortLength);
            b.Property(i => i.Firm).HasMaxLength(Lead.MaxNameLength);
            b.Property(i => i.Title).HasMaxLength(Lead.MaxShortLength);
            b.Property(i => i.Officer).HasMaxLength(Lead.MaxShortLength);
            b.Property(i => i.Outcome).HasMaxLength(Lead.MaxTextLength);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PromotionChain>(b =>
        {
            b.ToTable("promotion_chains");
            b.HasIndex(c => new { c.OrgUnitId, c.Name }).IsUnique();
            b.Property(c => c.Name).HasMaxLength(Lead.MaxShortLength);
            b.Property(c => c.Leader).HasMaxLength(Lead.MaxShortLength);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.Links).WithOne().HasForeignKey(l => l.ChainId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(c => c.Links).HasField("links").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ChainLink>(b =>
        {
            b.ToTable("promotion_chain_links");
            b.HasIndex(l => new { l.ChainId, l.Sequence }).IsUnique();
            b.Property(l => l.Name).HasMaxLength(Lead.MaxShortLength);
            b.Property(l => l.Segment).HasConversion<string>().HasMaxLength(16);
            b.HasMany(l => l.Members).WithOne().HasForeignKey(m => m.LinkId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(l => l.Members).HasField("members").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ChainMember>(b =>
        {
            b.ToTable("promotion_chain_members");
            b.HasIndex(m => m.LinkId);

            // An enterprise's chain and link are one fact: at most one member row per registered enterprise (EnterpriseChains).
            b.HasIndex(m => m.EnterpriseId).IsUnique().HasFilter("\"EnterpriseId\" IS NOT NULL");
            b.Property(m => m.Name).HasMaxLength(Lead.MaxNameLength);
            // The enterprise register is another area's: the chain only points at it, by id.
            b.HasOne<Enterprise>().WithMany().HasForeignKey(m => m.EnterpriseId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
