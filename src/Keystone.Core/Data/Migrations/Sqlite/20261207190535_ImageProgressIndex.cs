using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImageProgressIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_progress_reports_ImageProgress",
                table: "progress_reports",
                columns: new[] { "ProjectId", "Period" },
                filter: "\"ImageProgress\" IS NOT NULL AND \"Status\" = 'Approved'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_progress_reports_ImageProgress",
                table: "progress_reports");
        }
    }
}
