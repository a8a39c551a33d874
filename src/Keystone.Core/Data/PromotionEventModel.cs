using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>The promotion events' tables: an event and the leads it touched.</summary>
internal static class PromotionEventModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PromotionEvent>(b =>
        {
            b.ToTable("promotion_events");
            b.HasIndex(e => new { e.OrgUnitId, e.On });
            b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(e => e.Name).HasMaxLength(PromotionEvent.MaxNameLength);
            b.Property(e => e.Place).HasMaxLength(PromotionEvent.MaxPlaceLength);
            b.Property(e => e.Outcome).HasMaxLength(PromotionEvent.MaxOutcomeLength);
            b.Property(e => e.RecordedBy).HasMaxLength(64);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Leads).WithOne(l => l.Event).HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(e => e.Leads).HasField("leads").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<PromotionEventLead>(b =>
        {
            b.ToTable("promotion_event_leads");
            b.HasIndex(l => new { l.EventId, l.LeadId }).IsUnique();
            b.HasIndex(l => l.LeadId);
            b.HasOne(l => l.Lead).WithMany().HasForeignKey(l => l.LeadId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
