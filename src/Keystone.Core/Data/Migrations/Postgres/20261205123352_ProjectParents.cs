using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProjectParents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "projects",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_projects_ParentId",
                table: "projects",
                column: "ParentId");

            migrationBuilder.AddForeignKey(
                name: "FK_projects_projects_ParentId",
                table: "projects",
                column: "ParentId",
                principalTable: "projects",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_projects_projects_ParentId",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_projects_ParentId",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "projects");
        }
    }
}
