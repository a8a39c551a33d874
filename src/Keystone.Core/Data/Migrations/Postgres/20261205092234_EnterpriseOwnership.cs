using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnterpriseOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UploadedBy",
                table: "ledger_uploads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "OwnerUnitId",
                table: "enterprises",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing enterprises are owned by the unit of the first project that uses them (else of the first
            // user or problem that names them, else the province): the unit that, in effect, registered them.
            migrationBuilder.Sql("""
                UPDATE enterprises SET "OwnerUnitId" = COALESCE(
                    (SELECT p."OrgUnitId" FROM projects p WHERE p."EnterpriseId" = enterprises."Id" ORDER BY p."Id" LIMIT 1),
                    (SELECT u."OrgUnitId" FROM users u WHERE u."EnterpriseId" = enterprises."Id" ORDER BY u."Id" LIMIT 1),
                    (SELECT q."OrgUnitId" FROM problems q WHERE q."EnterpriseId" = enterprises."Id" ORDER BY q."Id" LIMIT 1),
                    (SELECT o."Id" FROM org_units o WHERE o."ParentId" IS NULL ORDER BY o."Id" LIMIT 1),
                    0);
                """);

            migrationBuilder.CreateTable(
                name: "enterprise_proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProposedByUnitId = table.Column<int>(type: "integer", nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enterprise_proposals_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_enterprise_proposals_org_units_ProposedByUnitId",
                        column: x => x.ProposedByUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enterprises_OwnerUnitId",
                table: "enterprises",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_proposals_EnterpriseId_Status",
                table: "enterprise_proposals",
                columns: new[] { "EnterpriseId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_proposals_ProposedByUnitId",
                table: "enterprise_proposals",
                column: "ProposedByUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_enterprises_org_units_OwnerUnitId",
                table: "enterprises",
                column: "OwnerUnitId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_enterprises_org_units_OwnerUnitId",
                table: "enterprises");

            migrationBuilder.DropTable(
                name: "enterprise_proposals");

            migrationBuilder.DropIndex(
                name: "IX_enterprises_OwnerUnitId",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "UploadedBy",
                table: "ledger_uploads");

            migrationBuilder.DropColumn(
                name: "OwnerUnitId",
                table: "enterprises");
        }
    }
}
