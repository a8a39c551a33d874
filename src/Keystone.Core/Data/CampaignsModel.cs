using Keystone.Core.Campaigns;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>The tables of campaigns (专项行动, their tasks) and of 集中开复工 events (their projects).</summary>
internal static class CampaignsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Campaign>(b =>
        {
            b.ToTable("campaigns");
            b.HasIndex(c => new { c.OrgUnitId, c.StartsOn });
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.Name).HasMaxLength(Campaign.MaxNameLength);
            b.Property(c => c.Goal).HasMaxLength(Campaign.MaxGoalLength);
            b.Property(c => c.CreatedBy).HasMaxLength(64);
            b.HasMany(c => c.Tasks).WithOne(t => t.Campaign).HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(c => c.Tasks).HasField("tasks").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Ignore(c => c.Targets);
        });

        modelBuilder.Entity<CampaignTask>(b =>
        {
            b.ToTable("campaign_tasks");
            b.HasIndex(t => t.CampaignId);
            b.HasIndex(t => t.ProjectId);
            b.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
            b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Reference).HasMaxLength(Campaign.MaxReferenceLength);
            b.Property(t => t.Note).HasMaxLength(Campaign.MaxNoteLength);
        });

        modelBuilder.Entity<StartEvent>(b =>
        {
            b.ToTable("start_events");
            b.HasIndex(e => new { e.OrgUnitId, e.HeldOn }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Project>().WithMany().HasForeignKey(e => e.MainVenueProjectId).OnDelete(DeleteBehavior.SetNull);
            b.Property(e => e.Title).HasMaxLength(StartEvent.MaxTitleLength);
            b.Property(e => e.Place).HasMaxLength(StartEvent.MaxPlaceLength);
            b.Property(e => e.CreatedBy).HasMaxLength(64);
            b.HasMany(e => e.Projects).WithOne(p => p.StartEvent).HasForeignKey(p => p.StartEventId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(e => e.Projects).HasField("projects").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<StartEventProject>(b =>
        {
            b.ToTable("start_event_projects");
            b.HasIndex(p => new { p.StartEventId, p.ProjectId }).IsUnique();
            b.HasIndex(p => p.ProjectId);
            b.HasOne(p => p.Project).WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
