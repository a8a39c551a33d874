using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProblemFromReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReportId",
                table: "problems",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_problems_ReportId",
                table: "problems",
                column: "ReportId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_problems_progress_reports_ReportId",
                table: "problems",
                column: "ReportId",
                principalTable: "progress_reports",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_problems_progress_reports_ReportId",
                table: "problems");

            migrationBuilder.DropIndex(
                name: "IX_problems_ReportId",
                table: "problems");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "problems");
        }
    }
}
