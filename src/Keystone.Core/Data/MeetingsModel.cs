using Keystone.Core.Inspections;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>The tables of meetings (meetings, their agendas and decisions) and inspections (their stops and instructions).</summary>
internal static class MeetingsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Meeting>(b =>
        {
            b.ToTable("meetings");
            b.HasIndex(m => new { m.OrgUnitId, m.Kind, m.HeldOn });
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(m => m.Title).HasMaxLength(Meeting.MaxTitleLength);
            b.Property(m => m.Chair).HasMaxLength(Meeting.MaxNameLength);
            b.Property(m => m.Attendees).HasMaxLength(Meeting.MaxAttendeesLength);
            b.Property(m => m.Minutes).HasMaxLength(Meeting.MaxMinutesLength);
            b.Property(m => m.CreatedBy).HasMaxLength(64);
            b.HasMany(m => m.Agenda).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(m => m.Decisions).WithOne(d => d.Meeting).HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(m => m.Agenda).HasField("agenda").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(m => m.Decisions).HasField("decisions").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Ignore(m => m.Origin);
        });

        modelBuilder.Entity<MeetingAgendaItem>(b =>
        {
            b.ToTable("meeting_agenda");
            b.HasIndex(a => new { a.MeetingId, a.Sequence }).IsUnique();
            b.HasOne(a => a.Project).WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(a => a.Note).HasMaxLength(Meeting.MaxNoteLength);
        });

        modelBuilder.Entity<MeetingDecision>(b =>
        {
            b.ToTable("meeting_decisions");
            b.HasIndex(d => new { d.MeetingId, d.Sequence }).IsUnique();
            b.HasIndex(d => d.ProblemId).IsUnique();
            b.HasOne(d => d.Problem).WithMany().HasForeignKey(d => d.ProblemId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Inspection>(b =>
        {
            b.ToTable("inspections");
            b.HasIndex(i => new { i.OrgUnitId, i.HeldOn });
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(i => i.Leader).HasMaxLength(Inspection.MaxNameLength);
            b.Property(i => i.Officials).HasMaxLength(Inspection.MaxOfficialsLength);
            b.Property(i => i.Title).HasMaxLength(Inspection.MaxTitleLength);
            b.Property(i => i.CreatedBy).HasMaxLength(64);
            b.HasMany(i => i.Stops).WithOne(s => s.Inspection).HasForeignKey(s => s.InspectionId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(i => i.Stops).HasField("stops").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<InspectionStop>(b =>
        {
            b.ToTable("inspection_stops");
            b.HasIndex(s => new { s.InspectionId, s.Sequence }).IsUnique();
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(s => s.Project).WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(s => s.Enterprise).WithMany().HasForeignKey(s => s.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.Property(s => s.Site).HasMaxLength(Inspection.MaxTitleLength);
            b.Property(s => s.Reported).HasMaxLength(Inspection.MaxTextLength);
            b.HasMany(s => s.Instructions).WithOne(i => i.Stop).HasForeignKey(i => i.StopId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(s => s.Instructions).HasField("instructions").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<InspectionInstruction>(b =>
        {
            b.ToTable("inspection_instructions");
            b.HasIndex(i => new { i.StopId, i.Sequence }).IsUnique();
            b.HasIndex(i => i.ProblemId).IsUnique();
            b.HasOne(i => i.Problem).WithMany().HasForeignKey(i => i.ProblemId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.AddresseeUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(i => i.AddresseeKind).HasConversion<string>().HasMaxLength(16);
            b.Property(i => i.Addressee).HasMaxLength(Problem.MaxNameLength);
        });
    }
}
