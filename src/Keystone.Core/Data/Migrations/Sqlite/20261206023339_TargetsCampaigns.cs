using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TargetsCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "unit_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    NewStarts = table.Column<int>(type: "INTEGER", nullable: true),
                    StartRate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    ResumeRate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    CompletedInvestment = table.Column<long>(type: "INTEGER", nullable: true),
                    Growth = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_unit_targets_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_unit_targets_OrgUnitId_Year",
                table: "unit_targets",
                columns: new[] { "OrgUnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unit_targets");
        }
    }
}
