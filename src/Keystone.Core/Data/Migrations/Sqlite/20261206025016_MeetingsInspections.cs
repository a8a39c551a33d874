using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeetingsInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "MeetingOn",
                table: "problems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeetingTitle",
                table: "problems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Leader = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Officials = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspections_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Chair = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_stops",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reported = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_stops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_stops_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_stops_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inspection_stops_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_stops_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_agenda",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_agenda", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_agenda_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_agenda_org_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_agenda_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponsibleUnitId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_decisions_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_decisions_org_units_ResponsibleUnitId",
                        column: x => x.ResponsibleUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_decisions_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_instructions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StopId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    AddresseeKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Addressee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AddresseeUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProblemId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_instructions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_instructions_inspection_stops_StopId",
                        column: x => x.StopId,
                        principalTable: "inspection_stops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inspection_instructions_org_units_AddresseeUnitId",
                        column: x => x.AddresseeUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_instructions_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_instructions_AddresseeUnitId",
                table: "inspection_instructions",
                column: "AddresseeUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_instructions_ProblemId",
                table: "inspection_instructions",
                column: "ProblemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_instructions_StopId_Sequence",
                table: "inspection_instructions",
                columns: new[] { "StopId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_stops_EnterpriseId",
                table: "inspection_stops",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_stops_InspectionId_Sequence",
                table: "inspection_stops",
                columns: new[] { "InspectionId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_stops_OrgUnitId",
                table: "inspection_stops",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_stops_ProjectId",
                table: "inspection_stops",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_OrgUnitId_HeldOn",
                table: "inspections",
                columns: new[] { "OrgUnitId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_agenda_MeetingId_Sequence",
                table: "meeting_agenda",
                columns: new[] { "MeetingId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_agenda_ProjectId",
                table: "meeting_agenda",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_agenda_UnitId",
                table: "meeting_agenda",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_MeetingId_Sequence",
                table: "meeting_decisions",
                columns: new[] { "MeetingId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_ProblemId",
                table: "meeting_decisions",
                column: "ProblemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_ResponsibleUnitId",
                table: "meeting_decisions",
                column: "ResponsibleUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_OrgUnitId_Kind_HeldOn",
                table: "meetings",
                columns: new[] { "OrgUnitId", "Kind", "HeldOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_instructions");

            migrationBuilder.DropTable(
                name: "meeting_agenda");

            migrationBuilder.DropTable(
                name: "meeting_decisions");

            migrationBuilder.DropTable(
                name: "inspection_stops");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropColumn(
                name: "MeetingOn",
                table: "problems");

            migrationBuilder.DropColumn(
                name: "MeetingTitle",
                table: "problems");
        }
    }
}
