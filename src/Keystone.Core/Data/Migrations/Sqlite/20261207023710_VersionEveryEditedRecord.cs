using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "supervision_notices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_targets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "promotion_chains",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "project_work_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "project_schedules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "project_factors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "progress_reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "procedure_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "problems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "light_rule_sets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "key_investors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "inspections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "indicator_values",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "indicator_targets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "group_robots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "enterprise_months",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "annual_plans",
                type: "INTEGER",
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
