using Keystone.Core.Indicators;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>The economic indicators' tables (经济指标): the catalogue with its seeded rows, the values and the yearly targets.</summary>
internal static class IndicatorModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Indicator>(b =>
        {
            b.ToTable("indicators");
            b.Property(i => i.Name).HasMaxLength(Indicator.MaxNameLength);
            b.Property(i => i.Unit).HasMaxLength(Indicator.MaxUnitLength);
            b.Property(i => i.Verb).HasMaxLength(Indicator.MaxWordLength);
            b.Property(i => i.GrowthWord).HasMaxLength(Indicator.MaxWordLength);
            b.Property(i => i.Accumulation).HasConversion<string>().HasMaxLength(16);
            b.Property(i => i.RankBy).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(i => new { i.ProvinceId, i.Name }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.ProvinceId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(i => i.Info);
            b.HasData(Indicator.Seeded.Select(i => new
            {
                i.Id,
                i.Name,
                i.Unit,
                i.Accumulation,
                i.GrowthDecimals,
                i.RankBy,
                i.ComparablePrices,
                ProvinceId = (int?)null,
                i.Order,
                i.Verb,
                i.GrowthWord,
            }));
        });

        modelBuilder.Entity<IndicatorValue>(b =>
        {
            b.ToTable("indicator_values");
            b.HasIndex(v => new { v.OrgUnitId, v.IndicatorId, v.Period }).IsUnique();
            b.HasIndex(v => new { v.IndicatorId, v.Period });
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            b.Property(v => v.Value).HasPrecision(24, 6);
            b.Property(v => v.LastYear).HasPrecision(24, 6);
            b.Property(v => v.Growth).HasPrecision(18, 6);
            b.Property(v => v.UpdatedBy).HasMaxLength(64);
            b.Ignore(v => v.Fact);
        });

        modelBuilder.Entity<IndicatorTarget>(b =>
        {
            b.ToTable("indicator_targets");
            b.HasIndex(t => new { t.OrgUnitId, t.IndicatorId, t.Year }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Target).HasPrecision(24, 6);
            b.Ignore(t => t.Fact);
        });
    }
}
