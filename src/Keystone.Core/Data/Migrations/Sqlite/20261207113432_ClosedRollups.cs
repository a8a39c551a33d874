using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClosedRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "closed_rollups",
                columns: table => new
                {
                    ClosedPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slice = table.Column<int>(type: "INTEGER", nullable: false),
                    Planned = table.Column<int>(type: "INTEGER", nullable: false),
                    Continuing = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PlanFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Sums = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_closed_rollups", x => new { x.ClosedPeriodId, x.OrgUnitId, x.Slice });
                    table.ForeignKey(
                        name: "FK_closed_rollups_closed_periods_ClosedPeriodId",
                        column: x => x.ClosedPeriodId,
                        principalTable: "closed_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "closed_rollups");
        }
    }
}
