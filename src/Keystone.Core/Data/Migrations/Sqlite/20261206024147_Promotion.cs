using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Promotion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "key_investors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Firm = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Officer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastContactOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_key_investors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_key_investors_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Investor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Chain = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IntendedInvestment = table.Column<long>(type: "INTEGER", nullable: true),
                    LandMu = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    EnergyTce = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Referrer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Officer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LeadOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ContactedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NegotiatingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProducingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContractAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractTerms = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HaltedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HaltReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_leads_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_leads_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "promotion_chains",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Leader = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_chains", x => x.Id);
                    table.ForeignKey(
                        name: "FK_promotion_chains_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "promotion_tasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedProjects = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    FundsInPlace = table.Column<long>(type: "INTEGER", nullable: false),
                    Landed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_promotion_tasks_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_follow_ups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lead_follow_ups_leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotion_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Chain = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Size = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Headquarters = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Why = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Approacher = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_promotion_targets_leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_promotion_targets_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "promotion_chain_links",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChainId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_chain_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_promotion_chain_links_promotion_chains_ChainId",
                        column: x => x.ChainId,
                        principalTable: "promotion_chains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotion_chain_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LinkId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsChainLeader = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_chain_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_promotion_chain_members_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_promotion_chain_members_promotion_chain_links_LinkId",
                        column: x => x.LinkId,
                        principalTable: "promotion_chain_links",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_key_investors_OrgUnitId_Name",
                table: "key_investors",
                columns: new[] { "OrgUnitId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_follow_ups_LeadId_Sequence",
                table: "lead_follow_ups",
                columns: new[] { "LeadId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lead_follow_ups_On",
                table: "lead_follow_ups",
                column: "On");

            migrationBuilder.CreateIndex(
                name: "IX_leads_OrgUnitId_Name",
                table: "leads",
                columns: new[] { "OrgUnitId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_OrgUnitId_Stage",
                table: "leads",
                columns: new[] { "OrgUnitId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_ProjectId",
                table: "leads",
                column: "ProjectId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_leads_Uscc",
                table: "leads",
                column: "Uscc");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_chain_links_ChainId_Sequence",
                table: "promotion_chain_links",
                columns: new[] { "ChainId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_promotion_chain_members_EnterpriseId",
                table: "promotion_chain_members",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_chain_members_LinkId",
                table: "promotion_chain_members",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_chains_OrgUnitId_Name",
                table: "promotion_chains",
                columns: new[] { "OrgUnitId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_promotion_targets_LeadId",
                table: "promotion_targets",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_targets_OrgUnitId_Name",
                table: "promotion_targets",
                columns: new[] { "OrgUnitId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_promotion_tasks_OrgUnitId_Year",
                table: "promotion_tasks",
                columns: new[] { "OrgUnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "key_investors");

            migrationBuilder.DropTable(
                name: "lead_follow_ups");

            migrationBuilder.DropTable(
                name: "promotion_chain_members");

            migrationBuilder.DropTable(
                name: "promotion_targets");

            migrationBuilder.DropTable(
                name: "promotion_tasks");

            migrationBuilder.DropTable(
                name: "promotion_chain_links");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "promotion_chains");
        }
    }
}
