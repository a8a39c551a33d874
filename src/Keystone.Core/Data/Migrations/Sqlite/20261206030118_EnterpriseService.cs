using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnterpriseService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AboveScale",
                table: "enterprises",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "AboveScaleSince",
                table: "enterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "enterprises",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChainLeader",
                table: "enterprises",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Contact",
                table: "enterprises",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Employees",
                table: "enterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IndustryCode",
                table: "enterprises",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IndustryName",
                table: "enterprises",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastYearOutput",
                table: "enterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastYearRevenue",
                table: "enterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiaisonDepartment",
                table: "enterprises",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiaisonName",
                table: "enterprises",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LiaisonUserId",
                table: "enterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "enterprises",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enterprise_months",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Output = table.Column<long>(type: "INTEGER", nullable: true),
                    Revenue = table.Column<long>(type: "INTEGER", nullable: true),
                    Tax = table.Column<long>(type: "INTEGER", nullable: true),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_months", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enterprise_months_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enterprise_visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VisitorUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Visitor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Met = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enterprise_visits_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_enterprise_visits_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_enterprise_visits_users_VisitorUserId",
                        column: x => x.VisitorUserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "pool_entries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExpectedMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pool_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pool_entries_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pool_entries_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pool_entries_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_problems",
                columns: table => new
                {
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_problems", x => new { x.VisitId, x.ProblemId });
                    table.ForeignKey(
                        name: "FK_visit_problems_enterprise_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "enterprise_visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_visit_problems_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enterprises_LiaisonUserId",
                table: "enterprises",
                column: "LiaisonUserId");

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_months_EnterpriseId_Period",
                table: "enterprise_months",
                columns: new[] { "EnterpriseId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_visits_EnterpriseId_VisitedOn",
                table: "enterprise_visits",
                columns: new[] { "EnterpriseId", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_visits_OrgUnitId_VisitedOn",
                table: "enterprise_visits",
                columns: new[] { "OrgUnitId", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_visits_VisitorUserId",
                table: "enterprise_visits",
                column: "VisitorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_pool_entries_EnterpriseId",
                table: "pool_entries",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_pool_entries_OrgUnitId",
                table: "pool_entries",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_pool_entries_ProjectId",
                table: "pool_entries",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_problems_ProblemId",
                table: "visit_problems",
                column: "ProblemId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_enterprises_users_LiaisonUserId",
                table: "enterprises",
                column: "LiaisonUserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_enterprises_users_LiaisonUserId",
                table: "enterprises");

            migrationBuilder.DropTable(
                name: "enterprise_months");

            migrationBuilder.DropTable(
                name: "pool_entries");

            migrationBuilder.DropTable(
                name: "visit_problems");

            migrationBuilder.DropTable(
                name: "enterprise_visits");

            migrationBuilder.DropIndex(
                name: "IX_enterprises_LiaisonUserId",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "AboveScale",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "AboveScaleSince",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "ChainLeader",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "Contact",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "Employees",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "IndustryCode",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "IndustryName",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "LastYearOutput",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "LastYearRevenue",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "LiaisonDepartment",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "LiaisonName",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "LiaisonUserId",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "enterprises");
        }
    }
}
