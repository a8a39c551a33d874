using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VersionEveryEditedRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every record there is starts at version 1, as a new one does (Versioning).
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "unit_targets",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "supervision_notices",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_tasks",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_targets",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_events",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_chains",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "project_work_items",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "project_schedules",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "project_factors",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "progress_reports",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "procedure_items",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "problems",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "meetings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "light_rule_sets",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "key_investors",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "inspections",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "indicator_values",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "indicator_targets",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "group_robots",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "enterprise_months",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "annual_plans",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "unit_targets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "supervision_notices");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "promotion_tasks");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "promotion_targets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "promotion_events");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "promotion_chains");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "project_work_items");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "project_schedules");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "project_factors");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "procedure_items");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "problems");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "light_rule_sets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "key_investors");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "indicator_values");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "indicator_targets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "group_robots");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "enterprise_months");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "annual_plans");
        }
    }
}
