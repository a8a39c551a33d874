using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnlyStrict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrgUnitId",
                table: "audit_log",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_OrgUnitId_At",
                table: "audit_log",
                columns: new[] { "OrgUnitId", "At" });

            // Earlier entries get the unit their key names today (a project's entries its current unit);
            // what cannot be named (enterprises, a unit's name used twice) stays without one: a province
            // administrator's to read. The row trigger is lifted for this one statement only (the
            // migrating role owns the table; the application's role cannot do this).
            migrationBuilder.Sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;");
            migrationBuilder.Sql("""
                UPDATE audit_log a SET "OrgUnitId" = CASE
                  WHEN a."Entity" IN ('project', 'schedule', 'factors', 'plan', 'report', 'workItem', 'procedure', 'funds', 'emissions', 'photo') THEN
                    (SELECT p."OrgUnitId" FROM projects p WHERE p."Code" = split_part(a."EntityKey", '/', 1))
                  WHEN a."Entity" = 'problem' THEN (SELECT p."OrgUnitId" FROM problems p WHERE p."Number" = a."EntityKey")
                  WHEN a."Entity" = 'notice' THEN (SELECT p."OrgUnitId" FROM supervision_notices n JOIN problems p ON p."Id" = n."ProblemId" WHERE n."Reference" = a."EntityKey")
                  WHEN a."Entity" IN ('lightRules', 'closedPeriod') THEN (SELECT u."Id" FROM org_units u WHERE u."Id"::text = split_part(a."EntityKey", '/', 1))
                  WHEN a."Entity" IN ('user', 'signIn', 'token') THEN (SELECT u."OrgUnitId" FROM users u WHERE u."UserName" = a."EntityKey")
                  WHEN a."Entity" = 'unit' THEN
                    (SELECT CASE WHEN a."Action" = 'created' THEN u."ParentId" ELSE u."Id" END FROM org_units u
                     WHERE u."Name" = a."EntityKey" AND (SELECT COUNT(*) FROM org_units v WHERE v."Name" = u."Name") = 1)
                END;
                """);
            migrationBuilder.Sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_log_OrgUnitId_At",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "OrgUnitId",
                table: "audit_log");
        }
    }
}
