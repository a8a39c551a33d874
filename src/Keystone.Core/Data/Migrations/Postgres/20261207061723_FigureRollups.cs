using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FigureRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "figure_rollups",
                columns: table => new
                {
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Subtree = table.Column<bool>(type: "boolean", nullable: false),
                    Slice = table.Column<int>(type: "integer", nullable: false),
                    Planned = table.Column<int>(type: "integer", nullable: false),
                    Continuing = table.Column<int>(type: "integer", nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false),
                    PlanFen = table.Column<long>(type: "bigint", nullable: false),
                    Sums = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_figure_rollups", x => new { x.OrgUnitId, x.Year, x.Subtree, x.Slice });
                });

            migrationBuilder.CreateTable(
                name: "rollup_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_years", x => x.Year);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "figure_rollups");

            migrationBuilder.DropTable(
                name: "rollup_years");
        }
    }
}
